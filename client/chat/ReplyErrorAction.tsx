// The next step for a reply that failed, as a button beside its sentence: a key to add or
// replace opens the key form for that provider (and retries once it works); a model that is
// gone or too small opens the model menu. Other failures (rate limit, provider down, a
// reply from before kinds were stored) have the message's Retry, which queues until online.
import { useState } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { isCustomProvider, type ProviderId, parseModelId, providerInfo } from '../../shared/ai/providers';
import { regenerate } from '../../shared/docs/chat-actions';
import { type Message, requeueReply } from '../../shared/docs/thread-doc';
import { ProviderForm } from '../home/ProviderForm';
import { Dialog } from '../ui/Dialog';
import { useConversation } from './conversation-context';
import { ModelMenu } from './ModelMenu';

function keyLabel(kind: Message['errorKind'], provider: ProviderId | undefined): string {
  if (!provider) return 'Add an API key';
  const custom = isCustomProvider(provider);
  const name = custom ? 'custom provider' : providerInfo(provider).label;
  if (kind === 'no-key') return custom ? 'Set up the custom provider' : `Add ${name} key`;
  return custom ? 'Fix the custom provider' : `Replace ${name} key`;
}

export function ReplyErrorAction({ doc, message }: { doc: Y.Doc; message: Message }) {
  const { modelGroups, replyInstructions } = useConversation();
  const [keyForm, setKeyForm] = useState(false);
  const kind = message.errorKind;
  const provider = message.model ? parseModelId(message.model)?.provider : undefined;

  // An endpoint added in Settings is fixed there: the quick form would replace it with a new one.
  if ((kind === 'no-key' || kind === 'bad-key') && provider && provider !== 'custom' && isCustomProvider(provider)) {
    return (
      <div className="reply-error-action">
        <Link to="/settings#api-keys" className="button button-small button-primary">
          Fix the endpoint in Settings
        </Link>
      </div>
    );
  }
  if (kind === 'no-key' || kind === 'bad-key' || kind === 'no-credit') {
    const label = keyLabel(kind, provider);
    return (
      <div className="reply-error-action">
        <button type="button" className="button button-small button-primary" onClick={() => setKeyForm(true)}>
          {label}
        </button>
        <Dialog open={keyForm} title={label} onClose={() => setKeyForm(false)}>
          {keyForm && (
            <ProviderForm
              // A refused key is replaced for its own provider; a missing one may come from any.
              {...(provider && { provider, fixed: kind !== 'no-key' })}
              autoFocus
              onCancel={() => setKeyForm(false)}
              onDone={(model) => {
                setKeyForm(false);
                // The same provider: ask again in place. Another one: a new version with its model.
                const sameProvider = !model || parseModelId(model)?.provider === provider;
                if (sameProvider) requeueReply(doc, message.id);
                else regenerate(doc, message.id, model, Date.now(), replyInstructions());
              }}
            />
          )}
        </Dialog>
      </div>
    );
  }
  if (kind === 'model-gone' || kind === 'context-too-long') {
    return (
      <div className="reply-error-action">
        <ModelMenu
          groups={modelGroups}
          current={message.model}
          label="Pick another model"
          className="button button-small button-primary"
          onPick={(model) => regenerate(doc, message.id, model, Date.now(), replyInstructions())}
        >
          Pick another model
        </ModelMenu>
      </div>
    );
  }
  return null;
}
