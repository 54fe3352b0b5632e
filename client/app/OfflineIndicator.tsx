// A pill that says so whenever the device is offline. The live region is always mounted
// so screen readers announce the change, not just the first render.
import { useOnline } from '../ui/use-online';

export function OfflineIndicator() {
  const online = useOnline();
  return (
    <div className="offline-region" role="status">
      {!online && (
        <p className="offline-pill">
          <span className="offline-dot" aria-hidden="true" />
          Offline — changes stay on this device
        </p>
      )}
    </div>
  );
}
