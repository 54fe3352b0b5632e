// Search: what the server indexes, and search by meaning, off until the person turns it on
// (it sends their messages to an embedding model their provider charges for). Before it
// starts, it says what indexing everything will cost; while it runs, how far it has come;
// when the provider stops it, why, with a way to try again.
import './search.css';
import { type FormEvent, useId, useState } from 'react';
import type { MeaningStatus } from '../../shared/api/search';
import { errorMessage, NetworkError } from '../api';
import { Banner } from '../ui/Banner';
import { fullNumber } from './usage-data';
import { useRetryWhenOnline } from './use-retry-when-online';
import { useSearchStatus } from './use-search-status';

const CUSTOM_PREFIX = 'custom/';

/** "$0.02", "less than $0.01", or who sets the price when Hearth does not know it. */
function cost(usd: number | null, paidBy: 'you' | 'server'): string {
  if (paidBy === 'server') return "paid by this server's operator";
  if (usd === null) return 'at the price your endpoint sets (often free, on your own machine)';
  if (usd < 0.01) return 'less than $0.01';
  return `about $${usd.toFixed(2)}`;
}

export function SearchSection({ keysVersion }: { keysVersion: unknown }) {
  const { state, retry, save } = useSearchStatus(keysVersion);
  useRetryWhenOnline(state.status === 'error', retry);
  return (
    <section id="search" className="card" aria-labelledby="search-heading" aria-busy={state.status === 'loading'}>
      <h2 id="search-heading">Search</h2>
      <p className="muted">
        Search finds your messages by their words, in every chat and every branch. Search by meaning also finds the ones
        that say the same thing in other words: your messages are sent to the embedding model you pick, and its provider
        charges for that.
      </p>
      {state.status === 'loading' && <p className="muted">Loading search settings…</p>}
      {state.status === 'error' && (
        <Banner tone="error">
          {state.error instanceof NetworkError
            ? "You're offline. Connect to change search settings."
            : errorMessage(state.error)}{' '}
          <button type="button" className="link-button" onClick={retry}>
            Try again
          </button>
        </Banner>
      )}
      {state.status === 'ready' && !state.value.enabled && (
        <p>Search on the server is turned off on this server. Search on this device still finds your messages.</p>
      )}
      {state.status === 'ready' && state.value.enabled && <MeaningControls meaning={state.value.meaning} save={save} />}
    </section>
  );
}

interface MeaningControlsProps {
  meaning: MeaningStatus;
  save: (input: { meaning: boolean; model?: string }) => Promise<void>;
}

function MeaningControls({ meaning, save }: MeaningControlsProps) {
  const id = useId();
  const [saving, setSaving] = useState(false);
  /** The switch as the person just set it, shown until the server answers. */
  const [switching, setSwitching] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = meaning.models.find((m) => m.id === meaning.model);
  const isCustom = meaning.model.startsWith(CUSTOM_PREFIX);
  const [customModel, setCustomModel] = useState(isCustom ? meaning.model.slice(CUSTOM_PREFIX.length) : '');

  const change = async (input: { meaning: boolean; model?: string }) => {
    setSaving(true);
    setProblem(null);
    try {
      await save(input);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
      setSwitching(null);
    }
  };
  const toggle = () => {
    setSwitching(!meaning.on);
    void change({ meaning: !meaning.on, model: meaning.model });
  };
  const saveCustomModel = (event: FormEvent) => {
    event.preventDefault();
    const name = customModel.trim();
    if (name) void change({ meaning: meaning.on, model: `${CUSTOM_PREFIX}${name}` });
  };
  const left = meaning.total - meaning.indexed;

  return (
    <div className="search-meaning">
      <label className="check">
        <input
          type="checkbox"
          checked={switching ?? meaning.on}
          disabled={saving}
          onChange={toggle}
          aria-describedby={`${id}-estimate`}
        />
        Search by meaning
      </label>
      <div className="field">
        <label htmlFor={`${id}-model`}>Embedding model</label>
        <select
          id={`${id}-model`}
          className="select"
          value={meaning.model}
          disabled={saving}
          onChange={(event) => void change({ meaning: meaning.on, model: event.target.value })}
        >
          {meaning.models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.unavailable !== undefined && m.id !== meaning.model}>
              {m.label}
              {m.usdPerMillionTokens !== null && ` · $${m.usdPerMillionTokens} per 1M tokens`}
              {m.paidBy === 'server' && ' · server key'}
              {m.unavailable !== undefined && ' · needs a key'}
            </option>
          ))}
        </select>
        {chosen?.unavailable && <p className="field-hint">{chosen.unavailable}</p>}
      </div>
      {isCustom && (
        <form className="field search-custom-model" onSubmit={saveCustomModel}>
          <label htmlFor={`${id}-custom`}>Model on your endpoint</label>
          <div className="search-custom-row">
            <input
              id={`${id}-custom`}
              value={customModel}
              placeholder="nomic-embed-text"
              onChange={(event) => setCustomModel(event.target.value)}
            />
            <button type="submit" className="button button-small" disabled={saving || !customModel.trim()}>
              Use this model
            </button>
          </div>
        </form>
      )}
      <p className="muted" id={`${id}-estimate`}>
        {left > 0
          ? `Indexing the ${fullNumber(left)} message${left === 1 ? '' : 's'} not indexed yet takes about ${fullNumber(meaning.estimate.tokens)} tokens: ${cost(meaning.estimate.usd, chosen?.paidBy ?? 'you')}.`
          : 'New messages are indexed as they arrive.'}
      </p>
      {meaning.on && (
        <div className="search-progress">
          <progress max={Math.max(meaning.total, 1)} value={meaning.indexed} aria-labelledby={`${id}-progress`} />
          <p id={`${id}-progress`}>
            {meaning.total === 0
              ? 'No messages to index yet.'
              : `${fullNumber(meaning.indexed)} of ${fullNumber(meaning.total)} messages indexed`}
          </p>
        </div>
      )}
      {problem && <Banner tone="error">{problem}</Banner>}
      {meaning.on && meaning.error && (
        <Banner tone="error">
          Indexing by meaning stopped: {meaning.error}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void change({ meaning: true, model: meaning.model })}
          >
            Try again
          </button>
        </Banner>
      )}
    </div>
  );
}
