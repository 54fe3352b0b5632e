// One built-in provider in the API keys list: its saved key (last four and date), or the
// server's shared key that covers it, with add, replace, test and remove.
import { useCallback, useRef, useState } from 'react';
import { isCustomProvider, type ProviderInfo } from '../../shared/ai/providers';
import type { ApiKeyInfo } from '../../shared/api/keys';
import { api } from '../api';
import { KeyForm, type KeyInput } from './KeyForm';
import { KeyTestButton, KeyTestResult } from './KeyTestResult';
import { RemoveKeyButton } from './RemoveKeyButton';
import { absoluteDate, absoluteTime } from './relative-time';
import { useKeyTest } from './use-key-test';

interface ProviderKeyRowProps {
  provider: ProviderInfo;
  saved: ApiKeyInfo | undefined;
  /** The server's shared key pays for this provider when the user has none. */
  shared: boolean;
  online: boolean;
  onSaved: (info: ApiKeyInfo) => void;
  onRemoved: (provider: ProviderInfo['id']) => void;
}

export function ProviderKeyRow({ provider, saved, shared, online, onSaved, onRemoved }: ProviderKeyRowProps) {
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const test = useKeyTest(provider.id);
  const openerRef = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => {
    setEditing(false);
    requestAnimationFrame(() => openerRef.current?.focus());
  }, []);
  const { clear } = test;
  const save = useCallback(
    (info: ApiKeyInfo) => {
      onSaved(info);
      clear();
      setJustSaved(true);
      close();
    },
    [onSaved, clear, close],
  );
  const saveKey = useCallback(
    async ({ apiKey }: KeyInput) =>
      save(await api('PUT /api/keys/:provider', { params: { provider: provider.id }, body: { apiKey } })),
    [provider.id, save],
  );

  return (
    <li className="key-row" data-provider={provider.id}>
      <div className="key-head">
        <div className="key-main">
          <h3 className="key-name">{provider.label}</h3>
          <p className="key-status muted">
            {saved ? <SavedKey info={saved} /> : shared ? "Covered by this server's shared key." : 'No key saved.'}
          </p>
          {!saved && shared && (
            <p className="field-hint">Add your own key to use your {provider.label} account and limits instead.</p>
          )}
        </div>
        {!editing && (
          <div className="key-actions">
            {saved && <KeyTestButton test={test} label={`Test ${provider.label} key`} online={online} />}
            <button
              ref={openerRef}
              type="button"
              className={`button button-small${saved ? '' : ' button-primary'}`}
              onClick={() => {
                setJustSaved(false);
                setEditing(true);
              }}
              disabled={!online}
              aria-label={saved ? `Replace ${provider.label} key` : undefined}
            >
              {saved ? (
                'Replace'
              ) : (
                <span>
                  Add <span className="visually-hidden">{provider.label} </span>key
                </span>
              )}
            </button>
            {saved && (
              <RemoveKeyButton
                provider={provider.id}
                label={provider.label}
                disabled={!online}
                sharedFallback={shared}
                onRemoved={() => {
                  clear();
                  onRemoved(provider.id);
                  // The Remove button is gone: focus the row's Add key button.
                  requestAnimationFrame(() => openerRef.current?.focus());
                }}
              />
            )}
          </div>
        )}
      </div>
      {editing && (
        <KeyForm
          provider={provider.id}
          saved={saved}
          label={`${provider.label} key`}
          action={() => 'Save key'}
          onSubmit={saveKey}
          onCancel={close}
          autoFocus
        />
      )}
      {justSaved && saved && test.result.status === 'idle' && (
        <p className="key-result key-ok" role="status">
          Key saved. Use Test to check that {provider.label} accepts it.
        </p>
      )}
      {test.result.status !== 'idle' && <KeyTestResult result={test.result} />}
    </li>
  );
}

/** "Key ending in ••••abcd · added 3 May 2025". A custom endpoint may have no key at all. */
export function SavedKey({ info }: { info: ApiKeyInfo }) {
  const custom = isCustomProvider(info.provider);
  return (
    <>
      {info.last4 ? (
        <>
          Key ending in <span className="key-last4">••••{info.last4}</span>
        </>
      ) : custom ? null : (
        'Key saved'
      )}
      {info.last4 || !custom ? ' · added ' : 'Added '}
      <time dateTime={new Date(info.createdAt).toISOString()} title={absoluteTime(info.createdAt)}>
        {absoluteDate(info.createdAt)}
      </time>
    </>
  );
}
