// Applies the synced theme and fonts to the whole app; renders nothing. Mounted once in the
// signed-in layout (inside SyncProvider); when it goes (signing out) the system appearance
// comes back.
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useSync } from '../sync/SyncProvider';
import { useDocVersion } from '../sync/use-doc-version';
import { applyAppearance, rememberAppearance, rememberedAppearance, SYSTEM_APPEARANCE } from './appearance';

let mounted = 0;

export function AppearanceFromSettings() {
  const sync = useSync();
  const doc = sync?.manager.index.doc;
  const version = useDocVersion(doc);

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

  // Read on every change to the index (the thread list changes often), applied only when
  // the appearance itself changed: restyling the page is not free.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version changes with every doc update
  const settings = useMemo(() => sync?.engine.readSettings(sync.manager.index.doc), [sync, version]);
  const theme = settings?.theme;
  const uiFont = settings?.uiFont;
  const codeFont = settings?.codeFont;
  useEffect(() => {
    if (theme === undefined || uiFont === undefined || codeFont === undefined) return;
    const appearance = { theme, uiFont, codeFont };
    applyAppearance(appearance);
    rememberAppearance(appearance);
  }, [theme, uiFont, codeFont]);

  return null;
}
