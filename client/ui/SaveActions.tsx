// The buttons that end an inline form: save (saying so while it saves) and, when the form can
// be left, cancel.
interface SaveActionsProps {
  label: string;
  busy: boolean;
  /** What the button says while busy. */
  busyLabel?: string;
  onCancel?: (() => void) | undefined;
}

export function SaveActions({ label, busy, busyLabel = 'Saving…', onCancel }: SaveActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
