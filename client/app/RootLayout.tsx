// Wraps every page: skip link, app-wide notices (storage, offline, updates) and the page.
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { OfflineIndicator } from './OfflineIndicator';
import { StorageErrorBanner } from './StorageErrorBanner';
import { UpdateToast } from './UpdateToast';

export function RootLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <StorageErrorBanner />
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
      <OfflineIndicator />
      <UpdateToast />
    </>
  );
}

export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}
