// Search: one box (Ctrl/⌘+K, or Search in the sidebar) that finds chats by their titles and
// messages by their words, in every branch, on this device and so offline too, with the
// server's results merged in when online. A modal <dialog>: full screen on a phone. Arrows
// move through the results, Enter opens one (at the message, on its branch), Esc closes and
// focus returns to what opened it.
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { RevealState } from '../chat/use-reveal-message';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { useDeviceSearch } from './SearchProvider';
import { type ResultOption, resultOptions, SearchResults } from './SearchResults';
import { type SearchView, useSearch } from './use-search';
import './search.css';

/** Reasons search by meaning did not run that were already shown, this visit. */
const meaningNotesShown = new Set<string>();

/**
 * Chats painted at once when the results change (more than a screenful); the rest follow in a
 * render the next keystroke can interrupt, so typing never waits for rows nobody sees yet.
 */
const FIRST_GROUPS = 8;

const WHAT_IT_DOES =
  'Search finds chats by their titles and by the words of any message, in every branch, on this device, even offline.';

export default function SearchDialog({
  userId,
  open,
  onClose,
}: {
  userId: string;
  open: boolean;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { start } = useDeviceSearch();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open || dialog.open) return;
    start();
    const opener = document.activeElement;
    dialog.showModal();
    return () => {
      dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [open, start]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes, as Esc does
    <dialog
      ref={ref}
      className="search-dialog"
      aria-label="Search"
      onCancel={(event) => {
        event.preventDefault(); // React state decides, so the dialog and `open` never disagree
        onClose();
      }}
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      {open && <SearchPanel userId={userId} onClose={onClose} />}
    </dialog>
  );
}

function SearchPanel({ userId, onClose }: { userId: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const view = useSearch(userId, query);
  const allGroups = useDeferredValue(view.groups);
  const shownGroups = allGroups === view.groups ? view.groups : view.groups.slice(0, FIRST_GROUPS);
  const options = useMemo(() => resultOptions(view.groups), [view.groups]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const listId = useId();
  const navigate = useNavigate();

  // The first result is active until the person moves; it stays active while results update.
  const active = options.find((o) => o.id === activeId) ?? options[0] ?? null;
  useEffect(() => {
    if (active) document.getElementById(active.id)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const openOption = (option: ResultOption) => {
    onClose();
    const state: RevealState | null = option.messageId ? { reveal: option.messageId } : null;
    navigate(`/t/${option.threadId}`, { state });
  };

  const move = (by: number) => {
    if (options.length === 0) return;
    const at = active ? options.indexOf(active) : -1;
    setActiveId(options[(at + by + options.length) % options.length]!.id);
  };

  return (
    <div className="search-panel">
      <div className="search-box">
        <svg className="search-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          className="search-input"
          type="text"
          role="combobox"
          aria-label="Search chats and messages"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active?.id}
          placeholder="Search chats and messages"
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to type into it
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveId(null);
          }}
          onKeyDown={(event) => {
            if (event.nativeEvent.isComposing) return;
            const next = matches(event, SHORTCUTS.searchNext);
            if (next || matches(event, SHORTCUTS.searchPrevious)) {
              event.preventDefault();
              move(next ? 1 : -1);
            } else if (matches(event, SHORTCUTS.openResult) && active) {
              event.preventDefault();
              openOption(active);
            }
          }}
        />
        {/* Named by what it shows: "Esc" on a keyboard, a cross on a phone (the key is hidden there). */}
        <button type="button" className="search-close" onClick={onClose}>
          <span className="search-close-key">Esc</span>
          <span className="visually-hidden"> Close search</span>
          <svg className="search-close-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <Notes view={view} />
      <div className="search-scroll" data-results-for={view.resultsFor}>
        {view.groups.length > 0 ? (
          <>
            {view.recent && <h3 className="search-heading">Recent chats</h3>}
            <SearchResults
              id={listId}
              groups={shownGroups}
              activeId={active?.id ?? null}
              onActivate={setActiveId}
              onOpen={openOption}
              label={view.recent ? 'Recent chats' : 'Results'}
            />
          </>
        ) : (
          <Empty view={view} query={query.trim()} />
        )}
      </div>
    </div>
  );
}

function Notes({ view }: { view: SearchView }) {
  const reason = view.meaningUnavailable;
  // Said once a visit: the same reason again for the next query is no news.
  const [shownReason] = useState(() => new Set<string>());
  if (reason && !meaningNotesShown.has(reason)) {
    meaningNotesShown.add(reason);
    shownReason.add(reason);
  }
  const building = view.index?.state === 'building' || view.index?.state === 'loading';
  return (
    <div className="search-notes" role="status">
      {view.index?.state === 'failed' && <p className="search-note search-note-error">{view.index.error}</p>}
      {building && !view.recent && (
        <p className="search-note">Indexing this device’s messages… ({view.index?.size.toLocaleString()} so far)</p>
      )}
      {view.deviceOnly && <p className="search-note">Showing results from this device</p>}
      {reason && shownReason.has(reason) && <p className="search-note">Search by meaning is off for now: {reason}</p>}
    </div>
  );
}

function Empty({ view, query }: { view: SearchView; query: string }) {
  if (!query) {
    return (
      <div className="search-empty">
        <p className="search-empty-title">Nothing to search yet</p>
        <p>{WHAT_IT_DOES}</p>
      </div>
    );
  }
  if (view.pending) return null;
  return (
    <div className="search-empty">
      <p className="search-empty-title">No results for “{query}”</p>
      <p>{WHAT_IT_DOES}</p>
    </div>
  );
}
