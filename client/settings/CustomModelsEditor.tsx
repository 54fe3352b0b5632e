// Chooses which of a custom endpoint's models Hearth offers: the ones its /models lists,
// ticked or not, plus any model id typed by hand (for servers without a model list); and,
// for each chosen one, its name, context window and whether it sees images.
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import type { ApiKeyInfo, CustomModel } from '../../shared/api/keys';
import { api, errorMessage } from '../api';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { SaveActions } from '../ui/SaveActions';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { CustomModelDetails, draftOf, type ModelDraft, modelFromDraft } from './CustomModelDetails';

/** Up to this many listed models start ticked when nothing was chosen before. */
const TICK_ALL_UP_TO = 12;

type Listed = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; ids: string[] };

interface CustomModelsEditorProps {
  saved: ApiKeyInfo;
  onSaved: (info: ApiKeyInfo) => void;
  onCancel: () => void;
}

export function CustomModelsEditor({ saved, onSaved, onCancel }: CustomModelsEditorProps) {
  const { provider } = saved;
  const [listed, setListed] = useState<Listed>({ status: 'loading' });
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(saved.models?.map((m) => m.id)));
  const [drafts, setDrafts] = useState<ReadonlyMap<string, ModelDraft>>(
    () => new Map(saved.models?.map((m) => [m.id, draftOf(m)])),
  );
  const [byHand, setByHand] = useState<string[]>([]);
  const [manual, setManual] = useState('');
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    const controller = new AbortController();
    api('GET /api/keys/:provider/models', { params: { provider }, signal: controller.signal })
      .then(({ models }) => {
        const ids = models.map((m) => m.id);
        setListed({ status: 'ready', ids });
        setChosen((current) => (current.size === 0 && ids.length <= TICK_ALL_UP_TO ? new Set(ids) : current));
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setListed({ status: 'error', message: errorMessage(caught) });
      });
    return () => controller.abort();
  }, [provider]);

  // Every id on offer: listed by the endpoint, saved before, or typed in now.
  const ids = useMemo(() => {
    const all = new Set([
      ...(listed.status === 'ready' ? listed.ids : []),
      ...(saved.models?.map((m) => m.id) ?? []),
      ...byHand,
    ]);
    return [...all];
  }, [listed, saved.models, byHand]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? ids.filter((id) => id.toLowerCase().includes(needle)) : ids;

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const addByHand = () => {
    const id = manual.trim();
    if (!id) return;
    setByHand((current) => (current.includes(id) ? current : [...current, id]));
    setChosen((current) => new Set(current).add(id));
    setManual('');
  };

  const chosenIds = ids.filter((id) => chosen.has(id));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const results = chosenIds.map((id) => modelFromDraft(id, drafts.get(id) ?? draftOf(undefined)));
    const problem = results.find((r): r is string => typeof r === 'string');
    if (problem) {
      setError(problem);
      return;
    }
    const models = results as CustomModel[];
    setBusy(true);
    setError(null);
    // The key stays as saved: only the models change.
    api('PUT /api/keys/:provider', { params: { provider }, body: { models } })
      .then(onSaved)
      .catch((caught: unknown) => setError(errorMessage(caught)))
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="form key-form"
      onSubmit={submit}
      onKeyDown={(event) => matches(event, SHORTCUTS.cancelForm) && onCancel()}
      aria-label={`${saved.name ?? 'Custom endpoint'} models`}
      aria-busy={busy || listed.status === 'loading'}
    >
      <fieldset className="model-choice">
        <legend>Models to offer</legend>
        {listed.status === 'loading' && <p className="muted">Asking the endpoint for its models…</p>}
        {listed.status === 'error' && (
          <Banner tone="error">{listed.message} You can still add model ids by hand below.</Banner>
        )}
        {listed.status === 'ready' && listed.ids.length === 0 && (
          <p className="muted">The endpoint lists no models. Add their ids by hand below.</p>
        )}
        {ids.length > TICK_ALL_UP_TO && (
          <Field
            label="Filter models"
            name="filter"
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            aria-controls={listId}
          />
        )}
        {shown.length > 0 && (
          <ul className="model-checklist" id={listId}>
            {shown.map((id) => (
              <li key={id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.has(id)} onChange={() => toggle(id)} />
                  <span className="model-id">{id}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p className="field-hint" aria-live="polite">
          {chosen.size === 1 ? '1 model chosen.' : `${chosen.size} models chosen.`}
        </p>
      </fieldset>

      <div className="inline-add">
        <Field
          label="Add a model by id"
          name="manualModel"
          value={manual}
          autoComplete="off"
          spellCheck={false}
          placeholder="llama3.2:3b"
          onChange={(event) => setManual(event.target.value)}
          onKeyDown={(event) => {
            if (matches(event, SHORTCUTS.addModel)) {
              event.preventDefault();
              addByHand();
            }
          }}
        />
        <button type="button" className="button" onClick={addByHand} disabled={!manual.trim()}>
          Add
        </button>
      </div>

      <CustomModelDetails
        ids={chosenIds}
        drafts={drafts}
        onChange={(id, draft) => setDrafts((current) => new Map(current).set(id, draft))}
      />
      {error && <Banner tone="error">{error}</Banner>}
      <SaveActions label="Save models" busy={busy} onCancel={onCancel} />
    </form>
  );
}
