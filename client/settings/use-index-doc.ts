// The user's index doc for the settings sections: settings and modes, re-rendering on every
// change, whether it came from this device or from another one through sync.
import { useCallback, useReducer } from 'react';
import type * as Y from 'yjs';
import { readSettings, writeSetting } from '../../shared/docs/index-doc';
import type { SettingKey, Settings } from '../../shared/docs/settings';
import { useSyncManager } from '../sync/SyncProvider';
import { useDocVersion } from '../sync/use-doc-version';

/** The index doc, or undefined while this device's copy is still loading. */
export function useIndexDoc(): Y.Doc | undefined {
  const doc = useSyncManager()?.index.doc;
  useDocVersion(doc);
  return doc;
}

export type SaveSetting = <K extends SettingKey>(key: K, value: Settings[K]) => void;

/**
 * The settings with defaults applied and a writer; null while the index doc loads. A save
 * re-renders at once (not a frame later, with the doc's other changes), so a controlled
 * field shows the new value in the same event rather than flicking back to the old one.
 */
export function useSettings(): { settings: Settings; save: SaveSetting } | null {
  const doc = useIndexDoc();
  const [, saved] = useReducer((n: number) => n + 1, 0);
  const save = useCallback<SaveSetting>(
    (key, value) => {
      if (!doc) return;
      writeSetting(doc, key, value);
      saved();
    },
    [doc],
  );
  return doc ? { settings: readSettings(doc), save } : null;
}
