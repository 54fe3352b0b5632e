// The composer's choices for the next request: the model (favourites first; models whose
// provider has no key are disabled with a hint) and, when the person has made some, a mode.
import { memo, useId, useState } from 'react';
import type { Mode } from '../../shared/docs/modes';
import type { ModelGroup } from './model-options';

interface ModelPickerProps {
  groups: ModelGroup[];
  model: string;
  onChange: (model: string) => void;
}

/**
 * A select's value that shows a pick at once. The chosen value comes back through the docs
 * and the views a moment later; until then React would put the old one back. The pick
 * gives way as soon as `value` changes (the change arrived, or another device chose).
 */
function usePicked(value: string, onChange: (value: string) => void): [string, (value: string) => void] {
  const [picked, setPicked] = useState<{ value: string; over: string } | null>(null);
  const shown = picked && picked.over === value ? picked.value : value;
  return [
    shown,
    (next) => {
      setPicked({ value: next, over: value });
      onChange(next);
    },
  ];
}

// Labels point at their select (not wrap it): a wrapping label would add the selected
// option's text to the select's accessible name.
export const ModelPicker = memo(function ModelPicker({ groups, model, onChange }: ModelPickerProps) {
  const id = useId();
  const [shown, pick] = usePicked(model, onChange);
  return (
    <span className="picker">
      <label htmlFor={id} className="visually-hidden">
        Model
      </label>
      <select id={id} value={shown} onChange={(event) => pick(event.target.value)}>
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
  const [shown, pick] = usePicked(value, (next) => onChange(next || null));
  return (
    <span className="picker">
      <label htmlFor={id} className="visually-hidden">
        Mode
      </label>
      <select id={id} value={shown} onChange={(event) => pick(event.target.value)}>
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
