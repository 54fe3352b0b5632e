// Tells the user when a new version of the app has been downloaded; it never reloads by
// itself, because a reload could interrupt typing.
import { useRegisterSW } from 'virtual:pwa-register/react';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function UpdateToast() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // Long-lived tabs (an installed app may stay open for days) look for updates hourly.
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      console.error('Service worker registration failed:', error);
    },
  });

  return (
    <div className="toast-region" role="status">
      {needRefresh && (
        <div className="toast">
          <span>A new version is ready</span>
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => void updateServiceWorker(true)}
          >
            Reload
          </button>
          <button type="button" className="button button-ghost button-small" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </div>
      )}
    </div>
  );
}
