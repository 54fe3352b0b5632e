// Favourite models, starred per model: the model picker lists them first.
import { modelLabel } from '../../shared/ai/providers';
import { type ModelGroup, shortTokens } from './model-groups';

interface FavouriteModelsProps {
  groups: ModelGroup[];
  favourites: string[];
  onChange: (ids: string[]) => void;
}

export function FavouriteModels({ groups, favourites, onChange }: FavouriteModelsProps) {
  const starred = new Set(favourites);
  const toggle = (id: string) => onChange(starred.has(id) ? favourites.filter((f) => f !== id) : [...favourites, id]);
  const shown = groups.filter((g) => g.models.length > 0);
  // Favourites of providers switched off or models gone from the list stay removable.
  const hidden = favourites.filter((id) => !shown.some((g) => g.models.some((m) => m.id === id)));

  return (
    <div className="favourites">
      <h3 className="subheading">Favourites</h3>
      <p className="muted">Starred models come first in the model picker.</p>
      {shown.length === 0 && <p className="muted">Turn on a provider above to choose favourites.</p>}
      {shown.map((group) => (
        <div key={group.provider} className="model-group">
          <h4 className="model-group-title">{group.label}</h4>
          <ul className="model-list">
            {group.models.map((m) => (
              <li key={m.id} className="model-row">
                <StarButton
                  label={`${m.label} (${group.label})`}
                  on={starred.has(m.id)}
                  onToggle={() => toggle(m.id)}
                />
                <span className="model-text">
                  <span className="model-label">{m.label}</span>
                  {m.info && (
                    <span className="model-tags">
                      <span className="tag" title="Context window in tokens">
                        {shortTokens(m.info.contextWindow)}
                      </span>
                      {m.info.vision && <span className="tag">images</span>}
                      {m.info.reasoning && <span className="tag">reasoning</span>}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {hidden.length > 0 && (
        <div className="model-group">
          <h4 className="model-group-title">Not offered now</h4>
          <ul className="model-list">
            {hidden.map((id) => (
              <li key={id} className="model-row">
                <StarButton label={modelLabel(id)} on onToggle={() => toggle(id)} />
                <span className="model-label">{modelLabel(id)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function StarButton({ label, on, onToggle }: { label: string; on: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="star"
      aria-pressed={on}
      aria-label={`Favourite ${label}`}
      title={on ? 'Remove from favourites' : 'Add to favourites'}
      onClick={onToggle}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
          fill={on ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}
