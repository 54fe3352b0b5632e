// The main pane before any chat is open.
import { Logo } from '../ui/Logo';

export function HomePane() {
  return (
    <section className="empty-state" aria-labelledby="home-title">
      <title>Hearth</title>
      <Logo size={56} />
      <h1 id="home-title">Start a conversation</h1>
      <p>Your chats will appear here, stored on this device first.</p>
    </section>
  );
}
