// The composer's choices for the next request: the model (favourites first; models whose
// provider has no key are disabled with a hint) and, when the person has made some, a mode.
import { memo, useId } from 'react';
import type { Mode } from '../../shared/docs/modes';
import type { ModelGroup } from './model-options';

interface ModelPickerProps {
  groups: ModelGroup[];
  model: string;
  onChange: (model: string) => void;
}

// Labels point at their select (not wrap it): a wrapping label would add the selected
// option's text to the select's accessible name.
export const ModelPicker = memo(function ModelPicker({ groups, model, onChange }: ModelPickerProps) {
  const id = useId();
  return (
    <span className="picker">
      <label htmlFor={id} className="visually-hidden">
        Model
      </label>
      <select id={id} value={model} onChange={(event) => onChange(event.target.value)}>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.hint ? `${group.label} — ${group.hint}` : group.label}>
            {group.options.map((option) => (
              <option key={option.id} value={option.id} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </span>
  );
});

interface ModePickerProps {
  modes: Mode[];
  modeId: string | null;
  onChange: (modeId: string | null) => void;
}

export const ModePicker = memo(function ModePicker({ modes, modeId, onChange }: ModePickerProps) {
  // A mode deleted on another device reads as none (the server ignores it too).
  const value = modes.some((m) => m.id === modeId) ? (modeId ?? '') : '';
  const id = useId();
  return (
    <span className="picker">
      <label htmlFor={id} className="visually-hidden">
        Mode
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">No mode</option>
        {modes.map((mode) => (
          <option key={mode.id} value={mode.id}>
            {mode.icon ? `${mode.icon} ${mode.name}` : mode.name}
          </option>
        ))}
      </select>
    </span>
  );
});
