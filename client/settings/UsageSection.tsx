// Usage: tokens per day for the last 30 days as a chart stacked by model, and a table per
// model. The numbers come from the server, which counts every reply it streams.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { modelLabel, parseModelId, providerInfo } from '../../shared/ai/providers';
import type { UsageResponse } from '../../shared/api/usage';
import { api, errorMessage, NetworkError } from '../api';
import { FileSpace } from '../attachments/FileSpace';
import { Banner } from '../ui/Banner';
import { seriesColour, UsageChart } from './UsageChart';
import { chartData, compactNumber, fullNumber, OTHER, shortDay, totalsByModel } from './usage-data';
import { useRetryWhenOnline } from './use-retry-when-online';

type UsageState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; usage: UsageResponse };

/** "GPT-4o mini (OpenRouter)": the same model name can come from several providers. */
export function usageModelLabel(id: string): string {
  if (id === OTHER) return 'Other models';
  const ref = parseModelId(id);
  return ref ? `${modelLabel(id)} (${providerInfo(ref.provider).label.replace(/ \(.*\)$/, '')})` : id;
}

export function UsageSection() {
  const [state, setState] = useState<UsageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useRetryWhenOnline(state.status === 'error', retry);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    // The route's default range is the last 30 days.
    api('GET /api/usage', { signal: controller.signal })
      .then((usage) => setState({ status: 'ready', usage }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      });
    return () => controller.abort();
  }, [attempt]);

  return (
    <section id="usage" className="card" aria-labelledby="usage-heading" aria-busy={state.status === 'loading'}>
      <h2 id="usage-heading">Usage</h2>
      <p className="muted">Tokens sent and received over the last 30 days (UTC), on all your devices.</p>
      <FileSpace />
      {state.status === 'loading' && <p className="muted">Loading usage…</p>}
      {state.status === 'error' && (
        <Banner tone="error">
          {state.error instanceof NetworkError
            ? "You're offline. Connect to see your usage."
            : errorMessage(state.error)}{' '}
          <button type="button" className="link-button" onClick={retry}>
            Try again
          </button>
        </Banner>
      )}
      {state.status === 'ready' && state.usage.rows.length === 0 && (
        <div className="empty-note">
          <p>
            No usage in the last 30 days. Every reply's tokens are counted here, by day and by model, so you can see
            what each provider will bill your key for.
          </p>
          <Link to="/" className="button button-small">
            Start a chat
          </Link>
        </div>
      )}
      {state.status === 'ready' && state.usage.rows.length > 0 && <UsageReport usage={state.usage} />}
    </section>
  );
}

function UsageReport({ usage }: { usage: UsageResponse }) {
  const data = chartData(usage);
  const totals = totalsByModel(usage.rows);
  const sum = (pick: (t: (typeof totals)[number]) => number) => totals.reduce((n, t) => n + pick(t), 0);
  const isOther = (series: string) => series === OTHER;

  return (
    <>
      <dl className="usage-totals">
        <div>
          <dt>Requests</dt>
          <dd>{fullNumber(sum((t) => t.requests))}</dd>
        </div>
        <div>
          <dt>Tokens in</dt>
          <dd>{compactNumber(sum((t) => t.inputTokens))}</dd>
        </div>
        <div>
          <dt>Tokens out</dt>
          <dd>{compactNumber(sum((t) => t.outputTokens))}</dd>
        </div>
      </dl>
      <figure className="usage-figure">
        <UsageChart data={data} labelOf={usageModelLabel} isOther={isOther} />
        <figcaption>
          <ul className="chart-legend" aria-label="Models in the chart">
            {data.series.map((series, i) => (
              <li key={series}>
                <span className="legend-swatch" style={{ background: seriesColour(i, isOther(series)) }} />
                {usageModelLabel(series)}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>

      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must reach it to scroll the table sideways on a narrow screen */}
      <section className="table-scroll" aria-labelledby="usage-table-caption" tabIndex={0}>
        <table className="usage-table">
          <caption id="usage-table-caption">By model</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Requests</th>
              <th scope="col">Tokens in</th>
              <th scope="col">Tokens out</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((t) => (
              <tr key={t.model}>
                <th scope="row">{usageModelLabel(t.model)}</th>
                <td>{fullNumber(t.requests)}</td>
                <td>{fullNumber(t.inputTokens)}</td>
                <td>{fullNumber(t.outputTokens)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <details className="usage-days">
        <summary>Tokens per day as a table</summary>
        <div className="table-scroll">
          <table className="usage-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Model</th>
                <th scope="col">Requests</th>
                <th scope="col">Tokens in</th>
                <th scope="col">Tokens out</th>
              </tr>
            </thead>
            <tbody>
              {usage.rows.map((row) => (
                <tr key={`${row.day} ${row.model}`}>
                  <td>{shortDay(row.day)}</td>
                  <th scope="row">{usageModelLabel(row.model)}</th>
                  <td>{fullNumber(row.requests)}</td>
                  <td>{fullNumber(row.inputTokens)}</td>
                  <td>{fullNumber(row.outputTokens)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
