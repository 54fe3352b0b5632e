// The start screen is a new chat, ready to type in (focused on desktop): the real composer on
// a scratch doc (see use-home-thread.ts), with a few first messages to pick from; files
// attach as in a chat (paperclip, paste, drop). When no model can answer yet, the provider
// setup sits above it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { listModes, type Mode } from '../../shared/docs/modes';
import { draftOf } from '../../shared/docs/thread-doc';
import { fileDrop } from '../attachments/file-drop';
import { Composer, type ComposerHandle } from '../chat/Composer';
import { FALLBACK_MODEL } from '../chat/default-model';
import { modelGroups } from '../chat/model-options';
import { type PickerSettings, readPickerSettings } from '../chat/thread-reads';
import { useModelAccess } from '../chat/use-model-access';
import { useSyncManager } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';
import { useMediaQuery } from '../ui/use-media-query';
import { hasNoModel } from './connect-provider';
import { ProviderSetup } from './ProviderSetup';
import { useHomeThread } from './use-home-thread';
import '../chat/conversation.css';

const NO_SETTINGS: PickerSettings = { favouriteModels: [], defaultModel: null, enabledProviders: null };
const NO_MODES: Mode[] = [];
const SUGGESTIONS = [
  'Explain how a heat pump works, simply',
  'Help me write a friendly reminder email',
  'Plan a week of quick vegetarian dinners',
  'What should I ask in a job interview?',
];
const noop = () => {};
const noEdit = () => false;

export default function HomeChat() {
  const index = useSyncManager()?.index.doc;
  const settings = useDocValue(index, readPickerSettings) ?? NO_SETTINGS;
  const modes = useDocValue(index, listModes) ?? NO_MODES;
  const keys = useModelAccess();
  const [picked, setPicked] = useState<string | null>(null);
  const [modeId, setModeId] = useState<string | null>(null);
  const model = picked ?? settings.defaultModel ?? FALLBACK_MODEL;
  const groups = useMemo(
    () => modelGroups(settings.favouriteModels, keys, model, settings.enabledProviders),
    [settings, keys, model],
  );
  const home = useHomeThread({ model: picked, modeId });
  const composer = useRef<ComposerHandle>(null);
  const [justConnected, setJustConnected] = useState(false);
  // Desktop: the cursor is in the composer, on arrival and on each New chat (which, at home
  // already, keeps what is typed). A phone keeps its keyboard down until asked.
  const fine = useMediaQuery('(min-width: 768px) and (pointer: fine)');
  const arrival = useLocation().key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each arrival on purpose
  useEffect(() => {
    if (fine) composer.current?.focus();
  }, [fine, arrival]);
  const connected = useCallback(() => {
    setJustConnected(true);
    composer.current?.focus();
  }, []);
  const noModel = hasNoModel(keys);

  return (
    // Files dropped on the suggestions or the composer attach, as in a chat.
    <div className="home-chat" {...fileDrop((files) => composer.current?.attach(files))}>
      {noModel ? (
        <ProviderSetup onConnected={connected} />
      ) : (
        <>
          {justConnected && (
            <p className="home-connected" role="status">
              Connected. Write your first message below.
            </p>
          )}
          <ul className="suggestions" aria-label="Ideas for a first message">
            {SUGGESTIONS.map((text) => (
              <li key={text}>
                <button type="button" className="suggestion" onClick={() => draftOf(home.doc).insert(0, text)}>
                  {text}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="home-composer">
        <Composer
          handle={composer}
          doc={home.doc}
          model={model}
          replyInstructions={home.replyInstructions}
          groups={groups}
          onModelChange={setPicked}
          modes={modes}
          modeId={modeId}
          onModeChange={setModeId}
          pendingReplyId={null}
          onSent={noop}
          onEditLast={noEdit}
          onAttaching={home.attaching}
        />
      </div>
    </div>
  );
}
