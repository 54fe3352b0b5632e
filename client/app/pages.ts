// The pages that load on demand. The thread page (with the markdown renderer it preloads) is
// also fetched once the app is idle after its first paint, so the first chat opened does not
// wait for its code.
import { lazy } from 'react';

const loadThreadPage = () => import('../chat/ThreadPage');

export const SignInPage = lazy(() => import('../auth/SignInPage'));
export const SignUpPage = lazy(() => import('../auth/SignUpPage'));
export const SettingsPage = lazy(() => import('../settings/SettingsPage'));
export const ThreadPage = lazy(loadThreadPage);
/** Search's palette: fetched the first time it opens (Ctrl/Cmd+K), not with the shell. */
export const SearchDialog = lazy(() => import('../search/SearchDialog'));

/** Fetches the thread page when the browser is idle (or after a moment where it cannot say). */
export function preloadThreadPageWhenIdle(): () => void {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(() => void loadThreadPage(), { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(() => void loadThreadPage(), 500);
  return () => clearTimeout(timer);
}
