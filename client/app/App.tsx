// Every route in the app. Declarative routes (BrowserRouter) rather than a data router:
// we have no loaders, and it halves the router's share of the initial bundle. Pages not
// needed for a returning user's first paint (sign-in, sign-up, settings) load on demand.
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { GuestOnly, RequireSession } from '../auth/guards';
import { AppLayout } from './AppLayout';
import { HomePane } from './HomePane';
import { NotFound } from './NotFound';
import { RootLayout } from './RootLayout';

const SignInPage = lazy(() => import('../auth/SignInPage'));
const SignUpPage = lazy(() => import('../auth/SignUpPage'));
const SettingsPage = lazy(() => import('../settings/SettingsPage'));
const ThreadPage = lazy(() => import('../chat/ThreadPage'));

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<RootLayout />}>
          <Route
            path="/signin"
            element={
              <GuestOnly>
                <title>Sign in · Hearth</title>
                <SignInPage />
              </GuestOnly>
            }
          />
          <Route
            path="/signup"
            element={
              <GuestOnly>
                <title>Create account · Hearth</title>
                <SignUpPage />
              </GuestOnly>
            }
          />
          <Route
            element={
              <RequireSession>
                <AppLayout />
              </RequireSession>
            }
          >
            <Route index element={<HomePane />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="/t/:threadId" element={<ThreadPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
