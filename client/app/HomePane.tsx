// The main pane before any chat is open: a new chat, ready to type in. The composer and
// provider setup load with the chat code (client/home), so the shell stays small.
import { lazy, Suspense } from 'react';
import { Logo } from '../ui/Logo';
import '../home/home.css';

const HomeChat = lazy(() => import('../home/HomeChat'));

export function HomePane() {
  return (
    <section className="home" aria-labelledby="home-title">
      <title>Hearth</title>
      <div className="home-inner">
        <div className="home-head">
          <Logo size={40} />
          <h1 id="home-title">Start a conversation</h1>
        </div>
        <Suspense fallback={null}>
          <HomeChat />
        </Suspense>
      </div>
    </section>
  );
}
