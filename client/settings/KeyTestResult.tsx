// Testing a saved key in Settings: the Test button, and the outcome, announced to screen
// readers as it arrives.
import type { KeyTest, KeyTestState } from './use-key-test';

export function KeyTestResult({ result }: { result: KeyTest }) {
  return (
    <p className={`key-result${result.status === 'done' ? (result.ok ? ' key-ok' : ' key-fail') : ''}`} role="status">
      {result.status === 'testing' && 'Testing the key…'}
      {result.status === 'done' && (
        <>
          <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
          {result.message}
        </>
      )}
    </p>
  );
}

/** "Test" beside a saved key; `label` names it for screen readers ("Test OpenAI key"). */
export function KeyTestButton({ test, label, online }: { test: KeyTestState; label: string; online: boolean }) {
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() => void test.run()}
      disabled={!online || test.result.status === 'testing'}
      aria-label={label}
    >
      Test
    </button>
  );
}
