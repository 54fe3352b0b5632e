// The composer: the thread's draft (a Y.Text, so every keystroke is saved and synced), the
// model and mode for the next request, send and stop. Enter sends, Shift+Enter breaks the
// line, ↑ in an empty composer edits your last message. Sending offline queues the message.
import { type KeyboardEvent, memo, type Ref, useImperativeHandle } from 'react';
import type * as Y from 'yjs';
import { sendMessage, stopReply } from '../../shared/docs/chat-actions';
import type { Mode } from '../../shared/docs/modes';
import { draftOf, type ReplyInstructions } from '../../shared/docs/thread-doc';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { ModelPicker, ModePicker } from './ComposerPickers';
import { SendIcon, StopIcon } from './icons';
import type { ModelGroup } from './model-options';
import { useAutoHeight } from './use-auto-height';
import { useYText } from './use-y-text';

export interface ComposerHandle {
  /** Puts the cursor at the end of the draft (after the words typed on the home screen). */
  focus: () => void;
}

interface Props {
  doc: Y.Doc | undefined;
  model: string;
  /** What the reply is asked with besides the model, pinned on it when sent. */
  replyInstructions: () => ReplyInstructions | undefined;
  groups: ModelGroup[];
  onModelChange: (model: string) => void;
  modes: Mode[];
  modeId: string | null;
  onModeChange: (modeId: string | null) => void;
  /** The reply that is queued or streaming, which Stop stops. */
  pendingReplyId: string | null;
  onSent: () => void;
  onEditLast: () => boolean;
  handle?: Ref<ComposerHandle>;
}

export const Composer = memo(function Composer(props: Props) {
  const { doc, pendingReplyId } = props;
  const draft = useYText(doc, draftOf);
  useAutoHeight(draft.ref, draft.value);
  useImperativeHandle(
    props.handle,
    () => ({
      focus: () => {
        const field = draft.ref.current;
        field?.focus();
        field?.setSelectionRange(field.value.length, field.value.length);
      },
    }),
    [draft.ref],
  );
  const canSend = Boolean(doc) && draft.value.trim().length > 0;

  const send = () => {
    if (!doc || !canSend) return;
    sendMessage(doc, draft.value.trim(), props.model, Date.now(), props.replyInstructions());
    props.onSent();
    draft.ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (matches(event, SHORTCUTS.send)) {
      event.preventDefault();
      send();
    } else if (matches(event, SHORTCUTS.editLast) && draft.value === '') {
      if (props.onEditLast()) event.preventDefault();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="composer-box">
        <label htmlFor="draft" className="visually-hidden">
          Message
        </label>
        <textarea
          id="draft"
          ref={draft.ref}
          className="composer-input"
          value={draft.value}
          onChange={draft.onChange}
          onKeyDown={onKeyDown}
          disabled={!doc}
          placeholder={doc ? 'Write a message…' : 'Loading…'}
          rows={1}
          aria-describedby="composer-hint"
          enterKeyHint="send"
        />
        <div className="composer-bar">
          <div className="composer-pickers">
            <ModelPicker groups={props.groups} model={props.model} onChange={props.onModelChange} />
            {props.modes.length > 0 && (
              <ModePicker modes={props.modes} modeId={props.modeId} onChange={props.onModeChange} />
            )}
          </div>
          <div className="composer-buttons">
            {pendingReplyId && doc && (
              <button type="button" className="button button-small" onClick={() => stopReply(doc, pendingReplyId)}>
                <StopIcon />
                Stop
              </button>
            )}
            <button
              type="submit"
              className="button button-small button-primary send-button"
              disabled={!canSend}
              aria-label="Send"
            >
              <SendIcon />
            </button>
          </div>
        </div>
      </div>
      <p id="composer-hint" className="composer-hint">
        Enter to send · Shift+Enter for a new line · Esc stops a reply · ↑ edits your last message
      </p>
    </form>
  );
});
