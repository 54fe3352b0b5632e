// Every route in the app. Declarative routes (BrowserRouter) rather than a data router:
// we have no loaders, and it halves the router's share of the initial bundle. Pages not
// needed for a returning user's first paint load on demand (pages.ts).
import { BrowserRouter, Route, Routes } from 'react-router';
import { GuestOnly, RequireSession } from '../auth/guards';
import { AppLayout } from './AppLayout';
import { HomePane } from './HomePane';
import { NotFound } from './NotFound';
import { SettingsPage, SignInPage, SignUpPage, ThreadPage } from './pages';
import { RootLayout } from './RootLayout';

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
