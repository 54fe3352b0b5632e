// Entry point: styles, the session check, and the React root.
import './zod-jitless';
import './styles/theme.css';
import './styles/base.css';
import './ui/ui.css';
import './app/app.css';
import './app/notices.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { sessionStore } from './auth/session-store';

void sessionStore.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
