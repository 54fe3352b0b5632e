// Applies the synced theme and fonts to the whole app; renders nothing. Mounted once in the
// signed-in layout (inside SyncProvider); when it goes (signing out) the system appearance
// comes back.
import { useCallback, useEffect, useLayoutEffect } from 'react';
import type * as Y from 'yjs';
import { useSync } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';
import { applyAppearance, rememberAppearance, rememberedAppearance, SYSTEM_APPEARANCE } from './appearance';

let mounted = 0;

export function AppearanceFromSettings() {
  const sync = useSync();
  const engine = sync?.engine;
  // Only the appearance: the index changes often (the thread list), restyling is not free.
  const readAppearance = useCallback(
    (doc: Y.Doc) => {
      const { theme, uiFont, codeFont } = engine!.readSettings(doc);
      return { theme, uiFont, codeFont };
    },
    [engine],
  );
  const appearance = useDocValue(sync?.manager.index.doc, readAppearance);

  // Until this device's copy of the settings loads, paint what it showed last time.
  useLayoutEffect(() => {
    mounted += 1;
    if (mounted === 1) {
      const remembered = rememberedAppearance();
      if (remembered) applyAppearance(remembered);
    }
    return () => {
      mounted -= 1;
      if (mounted > 0) return;
      applyAppearance(SYSTEM_APPEARANCE);
      rememberAppearance(null);
    };
  }, []);

  useEffect(() => {
    if (!appearance) return;
    applyAppearance(appearance);
    rememberAppearance(appearance);
  }, [appearance]);

  return null;
}
