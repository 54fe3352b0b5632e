// Creates or edits a mode in a dialog: name, icon (an emoji or a few letters), system prompt.
import { type FormEvent, useId, useState } from 'react';
import type * as Y from 'yjs';
import { createMode, MODE_LIMITS, type Mode, updateMode } from '../../shared/docs/modes';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

/** An icon is shown in a small square: an emoji (some take several code units) or a few letters. */
const ICON_LENGTH = 8;

interface ModeDialogProps {
  doc: Y.Doc;
  /** The mode to edit; null creates a new one. */
  mode: Mode | null;
  open: boolean;
  onClose: () => void;
}

export function ModeDialog({ doc, mode, open, onClose }: ModeDialogProps) {
  return (
    <Dialog open={open} title={mode ? `Edit ${mode.name}` : 'New mode'} onClose={onClose}>
      <ModeForm key={mode?.id ?? 'new'} doc={doc} mode={mode} onClose={onClose} />
    </Dialog>
  );
}

function ModeForm({ doc, mode, onClose }: Omit<ModeDialogProps, 'open'>) {
  const [name, setName] = useState(mode?.name ?? '');
  const [icon, setIcon] = useState(mode?.icon ?? '');
  const [prompt, setPrompt] = useState(mode?.systemPrompt ?? '');
  const [errors, setErrors] = useState<{ name?: string; prompt?: string }>({});
  const promptId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      name: name.trim() ? undefined : 'Give the mode a name.',
      prompt: prompt.trim() ? undefined : 'Write the system prompt: what should Hearth do in this mode?',
    };
    setErrors(found);
    if (found.name || found.prompt) {
      const first = event.currentTarget.elements.namedItem(found.name ? 'name' : 'systemPrompt');
      if (first instanceof HTMLElement) first.focus();
      return;
    }
    const change = { name: name.trim(), systemPrompt: prompt.trim(), icon: icon.trim() || null };
    if (mode) updateMode(doc, mode.id, change);
    else createMode(doc, { ...change, now: Date.now() });
    onClose();
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="mode-form-top">
        <Field
          label="Name"
          name="name"
          value={name}
          maxLength={MODE_LIMITS.name}
          autoComplete="off"
          placeholder="Tutor"
          required
          error={errors.name}
          onChange={(event) => {
            setName(event.target.value);
            setErrors((current) => ({ ...current, name: undefined }));
          }}
        />
        <Field
          label="Icon"
          name="icon"
          value={icon}
          maxLength={ICON_LENGTH}
          autoComplete="off"
          placeholder="🧑‍🏫"
          hint="Emoji or letters"
          onChange={(event) => setIcon(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={promptId}>System prompt</label>
        <textarea
          id={promptId}
          name="systemPrompt"
          value={prompt}
          maxLength={MODE_LIMITS.systemPrompt}
          rows={8}
          required
          placeholder="You are a patient tutor. Explain step by step and check my understanding with a question."
          aria-invalid={errors.prompt ? true : undefined}
          aria-describedby={errors.prompt ? `${promptId}-error` : undefined}
          onChange={(event) => {
            setPrompt(event.target.value);
            setErrors((current) => ({ ...current, prompt: undefined }));
          }}
        />
        {errors.prompt && (
          <p className="field-error" id={`${promptId}-error`}>
            {errors.prompt}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          {mode ? 'Save mode' : 'Create mode'}
        </button>
      </div>
    </form>
  );
}
