// Any path the app does not know.
import { Link } from 'react-router';

export function NotFound() {
  return (
    <section className="empty-state" aria-labelledby="not-found-title">
      <title>Not found · Hearth</title>
      <h1 id="not-found-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to your chats</Link>
      </p>
    </section>
  );
}
