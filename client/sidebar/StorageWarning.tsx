// Warns in the sidebar when this device's storage for Hearth is nearly full, before a write
// fails (StorageErrorBanner reports failures that already happened).
import { useEffect, useState } from 'react';

const CHECK_EVERY_MS = 5 * 60 * 1000;
/** Warn above this share of the quota, or below this much room, whichever comes first. */
const FULL_SHARE = 0.9;
const MIN_FREE_BYTES = 50 * 1024 * 1024;

interface Estimate {
  usage: number;
  quota: number;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString()} MB`;
}

export function StorageWarning() {
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  useEffect(() => {
    if (!navigator.storage?.estimate) return;
    let live = true;
    const check = () =>
      navigator.storage
        .estimate()
        .then(({ usage = 0, quota = 0 }) => live && setEstimate({ usage, quota }))
        .catch(() => undefined); // no estimate: nothing to warn about
    void check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (!estimate || estimate.quota === 0) return null;
  const { usage, quota } = estimate;
  if (usage < quota * FULL_SHARE && quota - usage > MIN_FREE_BYTES) return null;
  return (
    <p className="storage-warning" role="status">
      Storage almost full: {megabytes(usage)} of {megabytes(quota)} used. Free some space, or new messages may not be
      saved on this device.
    </p>
  );
}
