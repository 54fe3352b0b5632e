// Custom instructions: who you are and how Hearth should answer. The server adds them to
// every chat's context; they are saved to the index doc as you type.
import { useId } from 'react';
import type { Settings } from '../../shared/docs/settings';
import { TraitsInput } from './TraitsInput';
import { useDebouncedDraft } from './use-debounced-draft';
import { useSettings } from './use-settings';

type Instructions = Settings['customInstructions'];
const ABOUT_LIMIT = 3000;

export function InstructionsSection() {
  const current = useSettings();
  return (
    <section id="instructions" className="card" aria-labelledby="instructions-heading">
      <h2 id="instructions-heading">Custom instructions</h2>
      <p className="muted">Hearth adds these to every chat, on all your devices.</p>
      {current ? (
        <InstructionsForm
          stored={current.settings.customInstructions}
          save={(value) => current.save('customInstructions', value)}
        />
      ) : (
        <p className="muted">Loading your settings…</p>
      )}
    </section>
  );
}

function InstructionsForm({ stored, save }: { stored: Instructions; save: (value: Instructions) => void }) {
  const { draft, change, flush, saved } = useDebouncedDraft(stored, save);
  const id = useId();
  const set = (field: keyof Instructions, value: string) => change({ ...draft, [field]: value });

  return (
    <form className="form instructions" onSubmit={(event) => event.preventDefault()} onBlur={flush}>
      <div className="field">
        <label htmlFor={`${id}-name`}>What should Hearth call you?</label>
        <input
          id={`${id}-name`}
          value={draft.name}
          maxLength={100}
          autoComplete="nickname"
          onChange={(event) => set('name', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-occupation`}>What do you do?</label>
        <input
          id={`${id}-occupation`}
          value={draft.occupation}
          maxLength={200}
          autoComplete="organization-title"
          placeholder="Engineer, student, etc."
          onChange={(event) => set('occupation', event.target.value)}
        />
      </div>
      <TraitsInput traits={draft.traits} onChange={(traits) => change({ ...draft, traits }, true)} />
      <div className="field">
        <label htmlFor={`${id}-about`}>Anything else Hearth should know about you?</label>
        <textarea
          id={`${id}-about`}
          value={draft.about}
          maxLength={ABOUT_LIMIT}
          rows={5}
          placeholder="Interests, values, how you like answers laid out…"
          aria-describedby={`${id}-about-count`}
          onChange={(event) => set('about', event.target.value)}
        />
        <div className="instructions-foot">
          <p className="save-state muted" role="status">
            {saved ? 'Saved. Your other devices get it when they sync.' : ''}
          </p>
          <p className="field-hint counter" id={`${id}-about-count`}>
            {draft.about.length} / {ABOUT_LIMIT}
          </p>
        </div>
      </div>
    </form>
  );
}
