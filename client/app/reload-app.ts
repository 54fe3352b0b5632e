// Reloads the app into the version the server runs. A plain reload would be answered by the
// service worker's cached copy of the old app, so a newer worker is fetched and let take
// over first when there is one.
export async function reloadApp(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  await registration?.update().catch(() => undefined);
  const next = registration?.installing ?? registration?.waiting;
  if (!next) return location.reload();
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  const activate = () => next.postMessage({ type: 'SKIP_WAITING' });
  if (next.state === 'installed') activate();
  else next.addEventListener('statechange', () => next.state === 'installed' && activate());
}
