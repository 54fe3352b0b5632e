// Traits as chips: type and press Enter or a comma to add one, × or Backspace to remove.
// Suggestions add a common trait with one click.
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { matches, SHORTCUTS } from '../ui/shortcuts';

const SUGGESTIONS = ['concise', 'friendly', 'direct', 'curious', 'witty', 'patient', 'encouraging', 'formal'];
export const TRAIT_LIMITS = { count: 50, length: 100 } as const;

interface TraitsInputProps {
  traits: string[];
  onChange: (traits: string[]) => void;
}

export function TraitsInput({ traits, onChange }: TraitsInputProps) {
  const [text, setText] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const full = traits.length >= TRAIT_LIMITS.count;

  const add = (raw: string[]) => {
    const next = [...traits];
    const added: string[] = [];
    for (const candidate of raw) {
      const trait = candidate.trim().slice(0, TRAIT_LIMITS.length);
      if (!trait || next.length >= TRAIT_LIMITS.count) continue;
      if (next.some((t) => t.toLowerCase() === trait.toLowerCase())) continue;
      next.push(trait);
      added.push(trait);
    }
    if (added.length > 0) {
      onChange(next);
      setAnnouncement(`Added ${added.join(', ')}.`);
    }
  };
  const remove = (trait: string) => {
    onChange(traits.filter((t) => t !== trait));
    setAnnouncement(`Removed ${trait}.`);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (matches(event, SHORTCUTS.addTrait)) {
      event.preventDefault();
      add([text]);
      setText('');
    } else if (matches(event, SHORTCUTS.removeTrait) && text === '' && traits.length > 0) {
      event.preventDefault();
      remove(traits[traits.length - 1] as string);
    }
  };
  // A pasted "kind, curious, brief" becomes three traits; the part after the last comma stays typed.
  const onTextChange = (value: string) => {
    if (!value.includes(',')) return setText(value);
    const parts = value.split(',');
    const rest = parts.pop() ?? '';
    add(parts);
    setText(rest);
  };

  const suggestions = SUGGESTIONS.filter((s) => !traits.some((t) => t.toLowerCase() === s));
  return (
    <div className="field">
      <label htmlFor={id}>What traits should Hearth have?</label>
      <div className="chips-input">
        {traits.length > 0 && (
          <ul className="chip-list" aria-label="Traits">
            {traits.map((trait) => (
              <li key={trait} className="chip">
                {trait}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${trait}`}
                  onClick={() => remove(trait)}
                >
                  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
                  </svg>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          ref={inputRef}
          value={text}
          maxLength={TRAIT_LIMITS.length}
          disabled={full}
          placeholder={traits.length === 0 ? 'Type a trait and press Enter' : ''}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onTextChange(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            add([text]);
            setText('');
          }}
        />
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {full
          ? `That's the most traits Hearth keeps (${TRAIT_LIMITS.count}).`
          : 'Press Enter or a comma to add a trait; Backspace removes the last one.'}
      </p>
      {suggestions.length > 0 && !full && (
        <div className="suggestions">
          <span className="muted">Suggestions:</span>
          {suggestions.map((s) => (
            <button
              key={s}
              type="button"
              className="chip chip-suggestion"
              aria-label={`Add ${s}`}
              onClick={() => add([s])}
            >
              <span aria-hidden="true">+ </span>
              {s}
            </button>
          ))}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
