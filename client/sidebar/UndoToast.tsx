// The "Chat deleted — Undo" notice. Its live region stays mounted so screen readers
// announce each deletion; resting the pointer or focus on it stops the countdown.
import { useDeleteUndo } from './delete-undo';

export function UndoToast() {
  const { pending, undo, hold } = useDeleteUndo();
  return (
    <div className="undo-region" role="status">
      {pending && (
        // biome-ignore lint/a11y/noStaticElementInteractions: resting on the notice only pauses its countdown
        <div
          className="toast undo-toast"
          data-testid="undo-toast"
          onPointerEnter={() => hold(true)}
          onPointerLeave={() => hold(false)}
          onFocus={() => hold(true)}
          onBlur={() => hold(false)}
        >
          <span className="undo-text">
            Chat deleted<span className="visually-hidden">: {pending.title}</span>
          </span>
          <button type="button" className="button button-small undo-button" onClick={undo}>
            Undo
          </button>
        </div>
      )}
    </div>
  );
}
