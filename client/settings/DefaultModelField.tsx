// The model new chats start with: any model of an enabled provider, or "automatic".
import { useId } from 'react';
import { modelLabel, parseModelId, providerInfo } from '../../shared/ai/providers';
import type { ModelGroup } from './model-groups';
import { hasAccess, type KeysState } from './use-keys';

interface DefaultModelFieldProps {
  groups: ModelGroup[];
  value: string | null;
  /** What "automatic" means today. */
  fallback: string;
  keys: KeysState;
  onChange: (id: string | null) => void;
}

export function DefaultModelField({ groups, value, fallback, keys, onChange }: DefaultModelFieldProps) {
  const id = useId();
  const offered = groups.some((g) => g.models.some((m) => m.id === value));
  const effective = value ?? fallback;
  const ref = parseModelId(effective);
  const noAccess = keys.status === 'ready' && ref !== null && !hasAccess(keys, ref.provider);
  return (
    <div className="field">
      <label htmlFor={id}>Default model for new chats</label>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        aria-describedby={noAccess ? `${id}-hint` : undefined}
      >
        <option value="">Automatic ({modelLabel(fallback)})</option>
        {value !== null && !offered && <option value={value}>{modelLabel(value)} (not offered)</option>}
        {groups
          .filter((g) => g.models.length > 0)
          .map((group) => (
            <optgroup key={group.provider} label={group.label}>
              {group.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      {noAccess && ref && (
        <p className="field-hint" id={`${id}-hint`}>
          To chat with this model, add your {providerInfo(ref.provider).label} key in <a href="#api-keys">API keys</a>.
        </p>
      )}
    </div>
  );
}
