// One line in Settings → Usage: the space your attached files take on the server, of your quota.
import { useEffect, useState } from 'react';
import type { BlobUsageResponse } from '../../shared/api/blobs';
import { api } from '../api';
import { formatSize } from './file-checks';

export function FileSpace() {
  const [usage, setUsage] = useState<BlobUsageResponse | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api('GET /api/blobs/usage', { signal: controller.signal }).then(setUsage, () => {
      // Offline or failed: the line is left out; the usage above says why when it matters.
    });
    return () => controller.abort();
  }, []);
  if (!usage) return null;
  return (
    <p className="muted" data-testid="file-space">
      Attached files use {formatSize(usage.usedBytes)} of {formatSize(usage.quotaBytes)} (at most{' '}
      {formatSize(usage.maxFileBytes)} per file).
    </p>
  );
}
