// The settings for the settings sections, read from the index doc through useDocValue: a
// save writes the doc, and the section re-renders from it in the saving event itself (a
// radio or select shows the new choice at once), as it does for a change from another device.
import { useCallback } from 'react';
import { readSettings, writeSetting } from '../../shared/docs/index-doc';
import type { SettingKey, Settings } from '../../shared/docs/settings';
import { useSyncManager } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';

export type SaveSetting = <K extends SettingKey>(key: K, value: Settings[K]) => void;

/** The settings with defaults applied and a writer; null while the index doc loads. */
export function useSettings(): { settings: Settings; save: SaveSetting } | null {
  const doc = useSyncManager()?.index.doc;
  const settings = useDocValue(doc, readSettings);
  const save = useCallback<SaveSetting>((key, value) => doc && writeSetting(doc, key, value), [doc]);
  return settings ? { settings, save } : null;
}
