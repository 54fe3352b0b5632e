// Editing a message you sent: saving sends the new text as a sibling (a new branch) with a
// fresh reply; the original and its reply stay one click away in the ‹ › switcher.
import { useRef, useState } from 'react';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { useAutoHeight } from './use-auto-height';

interface Props {
  text: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}

export function EditForm({ text, onSave, onCancel }: Props) {
  const [value, setValue] = useState(text);
  const field = useRef<HTMLTextAreaElement>(null);
  useAutoHeight(field, value);
  const save = () => {
    if (value.trim()) onSave(value.trim());
  };
  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label className="visually-hidden" htmlFor="edit-message">
        Edit message
      </label>
      <textarea
        id="edit-message"
        ref={field}
        className="edit-input"
        value={value}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this message
        autoFocus
        onFocus={(event) => {
          const end = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (matches(event, SHORTCUTS.cancelEdit)) {
            // Cancels the edit only; the conversation's Esc (stop a reply) must not fire too.
            event.preventDefault();
            onCancel();
          } else if (matches(event, SHORTCUTS.saveEdit) && !event.nativeEvent.isComposing) {
            event.preventDefault();
            save();
          }
        }}
      />
      <div className="edit-actions">
        <span className="edit-hint">Sending makes a new version; the old one stays.</span>
        <button type="button" className="button button-small button-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" disabled={!value.trim()}>
          Send edit
        </button>
      </div>
    </form>
  );
}
