// The outcome of a key test, announced to screen readers as it arrives.
import type { KeyTest } from './use-key-test';

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
