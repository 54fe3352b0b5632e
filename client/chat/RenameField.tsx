// A text field for renaming a chat in place: Enter or leaving the field saves, Esc cancels.
import { useRef, useState } from 'react';
import { matches, SHORTCUTS } from '../ui/shortcuts';

/** How the field was left: by Enter, by Esc, or by focus moving elsewhere. */
export type RenameEnd = 'enter' | 'escape' | 'blur';

interface RenameFieldProps {
  title: string;
  /** The new title, or null to keep the old one (cancelled or left blank). Called once. */
  onDone: (title: string | null, how: RenameEnd) => void;
  className?: string;
}

export function RenameField({ title, onDone, className = 'rename-field' }: RenameFieldProps) {
  const [value, setValue] = useState(title);
  // Enter or Esc unmounts the field, and the blur that follows must not save a second time
  // (after Esc it would save what was just cancelled).
  const done = useRef(false);
  const finish = (result: string | null, how: RenameEnd) => {
    if (done.current) return;
    done.current = true;
    onDone(result, how);
  };
  return (
    <input
      className={className}
      aria-label="Chat name"
      value={value}
      maxLength={200}
      // biome-ignore lint/a11y/noAutofocus: the person just asked to rename this chat
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(value.trim() || null, 'blur')}
      onKeyDown={(event) => {
        if (matches(event, SHORTCUTS.saveName)) {
          event.preventDefault();
          finish(value.trim() || null, 'enter');
        } else if (matches(event, SHORTCUTS.cancelRename)) {
          // Esc belongs to the field here: it must not also close the drawer around it.
          event.preventDefault();
          event.stopPropagation();
          finish(null, 'escape');
        }
      }}
    />
  );
}
