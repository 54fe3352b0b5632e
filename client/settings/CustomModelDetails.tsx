// What Hearth should know about each chosen model of a custom endpoint, which it cannot ask the
// endpoint: the name to show, how much context fits (older turns are left out beyond it) and
// whether it sees images (if not, an image is replaced by a note rather than sent).
import { useId } from 'react';
import { type CustomModel, customModelSchema } from '../../shared/api/keys';

/** A model's details as typed: the context window stays text until it is saved. */
export interface ModelDraft {
  label: string;
  contextWindow: string;
  vision: boolean;
}

export const draftOf = (model: CustomModel | undefined): ModelDraft => ({
  label: model?.label ?? '',
  contextWindow: model?.contextWindow ? String(model.contextWindow) : '',
  // Unset has always meant "send images": the box starts ticked.
  vision: model?.vision ?? true,
});

/** The model to save, or the sentence saying what to fix. */
export function modelFromDraft(id: string, draft: ModelDraft): CustomModel | string {
  const tokens = draft.contextWindow.replace(/[\s,_]/g, '');
  const parsed = customModelSchema.safeParse({
    id,
    ...(draft.label.trim() && { label: draft.label }),
    ...(tokens && { contextWindow: Number(tokens) }),
    vision: draft.vision,
  });
  return parsed.success ? parsed.data : `${id}: ${parsed.error.issues[0]?.message ?? 'check its details.'}`;
}

interface CustomModelDetailsProps {
  ids: string[];
  drafts: ReadonlyMap<string, ModelDraft>;
  onChange: (id: string, draft: ModelDraft) => void;
}

export function CustomModelDetails({ ids, drafts, onChange }: CustomModelDetailsProps) {
  const prefix = useId();
  if (ids.length === 0) return null;
  return (
    <fieldset className="model-details">
      <legend>About the chosen models</legend>
      <p className="field-hint">
        Leave the context window empty if you don't know it. Untick “Sees images” for a model that cannot read them:
        Hearth then says an image is there instead of sending it.
      </p>
      <ul className="model-detail-list">
        {ids.map((id, i) => {
          const draft = drafts.get(id) ?? draftOf(undefined);
          const set = (change: Partial<ModelDraft>) => onChange(id, { ...draft, ...change });
          const field = (name: string) => `${prefix}-${i}-${name}`;
          return (
            <li key={id} className="model-detail" aria-label={id}>
              <span className="model-id">{id}</span>
              <label htmlFor={field('label')} className="visually-hidden">
                Name shown for {id}
              </label>
              <input
                id={field('label')}
                className="model-detail-label"
                value={draft.label}
                maxLength={100}
                placeholder={id}
                onChange={(event) => set({ label: event.target.value })}
              />
              <label htmlFor={field('context')} className="visually-hidden">
                Context window of {id}, in tokens
              </label>
              <input
                id={field('context')}
                className="model-detail-context"
                inputMode="numeric"
                value={draft.contextWindow}
                placeholder="Tokens"
                onChange={(event) => set({ contextWindow: event.target.value })}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={draft.vision}
                  onChange={(event) => set({ vision: event.target.checked })}
                />
                Sees images<span className="visually-hidden"> ({id})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
