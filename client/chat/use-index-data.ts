// Reads from the index doc that the conversation needs (model settings and custom modes),
// re-rendering only when those values change, not on every change to the index.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readSettings } from '../../shared/docs/index-doc';
import { listModes, type Mode } from '../../shared/docs/modes';

/**
 * `read(doc)` as React state: read again only after the doc changed, and kept (same object)
 * while it is structurally equal to the previous value, so renders stay cheap.
 */
function useDocValue<T>(doc: Y.Doc | undefined, read: (doc: Y.Doc) => T, fallback: T): T {
  const cache = useRef<{ doc: Y.Doc; version: number; json: string; value: T } | null>(null);
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const bump = () => {
        version.current++;
        onChange();
      };
      doc?.on('update', bump);
      return () => doc?.off('update', bump);
    },
    [doc],
  );
  const getSnapshot = () => {
    if (!doc) return fallback;
    const cached = cache.current;
    if (cached?.doc === doc && cached.version === version.current) return cached.value;
    const value = read(doc);
    const json = JSON.stringify(value);
    const kept = cached?.doc === doc && cached.json === json ? cached.value : value;
    cache.current = { doc, version: version.current, json, value: kept };
    return kept;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

export interface ModelSettings {
  favouriteModels: string[];
  defaultModel: string | null;
}

const NO_SETTINGS: ModelSettings = { favouriteModels: [], defaultModel: null };
const NO_MODES: Mode[] = [];

const readModelSettings = (doc: Y.Doc): ModelSettings => {
  const { favouriteModels, defaultModel } = readSettings(doc);
  return { favouriteModels, defaultModel };
};

export const useModelSettings = (index: Y.Doc | undefined) => useDocValue(index, readModelSettings, NO_SETTINGS);

export const useModes = (index: Y.Doc | undefined) => useDocValue(index, listModes, NO_MODES);
