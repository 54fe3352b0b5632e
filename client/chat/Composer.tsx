// The composer: the thread's draft (a Y.Text, so every keystroke is saved and synced), the
// model and mode for the next request, send and stop. Enter sends, Shift+Enter breaks the
// line, ↑ in an empty composer edits your last message. Sending offline queues the message.
// Files attach through the paperclip, paste or drop (client/attachments), as chips above it.
// Images for a model that cannot see them hold the message back with a warning (VisionWarning).
import { type ClipboardEvent, type KeyboardEvent, memo, type Ref, useImperativeHandle, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { sendMessage, stopReply } from '../../shared/docs/chat-actions';
import { readDraftAttachments } from '../../shared/docs/draft-attachments';
import type { Mode } from '../../shared/docs/modes';
import { draftOf, type ReplyInstructions } from '../../shared/docs/thread-doc';
import { AttachmentChips } from '../attachments/AttachmentChips';
import { isImage } from '../attachments/AttachmentThumb';
import { attachFiles, filesOf } from '../attachments/attach-files';
import { confirmUploads } from '../attachments/device-blobs';
import { ACCEPT } from '../attachments/file-checks';
import { useDocValue } from '../sync/use-doc-value';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { ModelPicker, ModePicker } from './ComposerPickers';
import { PaperclipIcon, SendIcon, StopIcon } from './icons';
import { findOption, type ModelGroup, visionModels } from './model-options';
import { useAutoHeight } from './use-auto-height';
import { useYText } from './use-y-text';
import { VisionWarning } from './VisionWarning';

export interface ComposerHandle {
  /** Puts the cursor at the end of the draft (after the words typed on the home screen). */
  focus: () => void;
  /** Attaches files dropped onto the conversation. */
  attach: (files: File[]) => void;
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
  /** Told of each attach while it runs (the home screen opens the new chat once it is done). */
  onAttaching?: (work: Promise<unknown>) => void;
  handle?: Ref<ComposerHandle>;
}

const imagesOf = (doc: Y.Doc) => readDraftAttachments(doc).filter(isImage).length;
/** How many models the vision warning offers. */
const VISION_OFFERS = 3;

export const Composer = memo(function Composer(props: Props) {
  const { doc, pendingReplyId } = props;
  const draft = useYText(doc, draftOf);
  useAutoHeight(draft.ref, draft.value);
  const attachmentCount = useDocValue(doc, (d) => readDraftAttachments(d).length) ?? 0;
  const images = useDocValue(doc, imagesOf) ?? 0;
  const chosen = findOption(props.groups, props.model);
  const blind = images > 0 && chosen?.vision === false;
  const warning = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const attach = (files: File[]) => {
    if (!doc || files.length === 0) return;
    setProblems([]);
    const work = attachFiles(doc, files).then(setProblems);
    props.onAttaching?.(work);
  };
  const latestAttach = useRef(attach);
  latestAttach.current = attach;
  useImperativeHandle(
    props.handle,
    () => ({
      focus: () => {
        const field = draft.ref.current;
        field?.focus();
        field?.setSelectionRange(field.value.length, field.value.length);
      },
      attach: (files) => latestAttach.current(files),
    }),
    [draft.ref],
  );
  const canSend = Boolean(doc) && (draft.value.trim().length > 0 || attachmentCount > 0);

  /** `anyway`: the person has seen the vision warning and sends the images regardless. */
  const send = (anyway = false) => {
    if (!doc || !canSend) return;
    if (blind && !anyway) {
      warning.current?.querySelector('button')?.focus();
      return;
    }
    const sha256s = readDraftAttachments(doc).flatMap((a) => [a.sha256, ...(a.thumbSha256 ? [a.thumbSha256] : [])]);
    sendMessage(doc, draft.value.trim(), props.model, Date.now(), props.replyInstructions());
    // The server must have (or renew) each file the message refers to; offline, they wait.
    void confirmUploads(sha256s).catch(() => undefined);
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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = filesOf(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    attach(files);
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {problems.length > 0 && (
        <div className="attachment-problems" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      {blind && (
        <VisionWarning
          ref={warning}
          modelLabel={chosen.label}
          images={images}
          alternatives={visionModels(props.groups, VISION_OFFERS)}
          onSwitch={(model) => {
            props.onModelChange(model);
            draft.ref.current?.focus();
          }}
          onSendAnyway={() => send(true)}
        />
      )}
      <div className="composer-box">
        {doc && <AttachmentChips doc={doc} />}
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
          onPaste={onPaste}
          disabled={!doc}
          placeholder={doc ? 'Write a message…' : 'Loading…'}
          rows={1}
          aria-describedby="composer-hint"
          enterKeyHint="send"
        />
        <div className="composer-bar">
          <div className="composer-pickers">
            <input
              ref={fileInput}
              type="file"
              multiple
              accept={ACCEPT}
              hidden
              data-testid="attach-input"
              onChange={(event) => {
                attach(Array.from(event.currentTarget.files ?? []));
                event.currentTarget.value = '';
              }}
            />
            <button
              type="button"
              className="icon-button"
              aria-label="Attach files"
              title="Attach files"
              disabled={!doc}
              onClick={() => fileInput.current?.click()}
            >
              <PaperclipIcon />
            </button>
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
