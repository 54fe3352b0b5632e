// What the search palette shows for a query: the device's results at once (asked again
// whenever the index takes in a change, so a streaming reply shows up as it grows), the
// server's merged in when online, grouped by chat; with an empty query, the latest chats.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SearchResponse } from '../../shared/api/search';
import type { ThreadMeta } from '../../shared/docs/index-doc';
import { db } from '../db/hearth-db';
import { useDeleteUndo } from '../sidebar/delete-undo';
import { useThreads } from '../sidebar/use-threads';
import { useOnline } from '../ui/use-online';
import type { DeviceHits } from './hits';
import { type ChatInfo, groupResults, mergeHits, type ResultGroup, type ResultItem } from './merge';
import type { IndexStatus } from './protocol';
import { useDeviceSearch } from './SearchProvider';
import { type ServerSearch, searchServer } from './server-search';

/** Messages asked of each side: enough for a screenful of chats, each with a few matches. */
const LIMIT = 60;
/** The server is asked once typing pauses this long (the device at every keystroke). */
const SERVER_DELAY_MS = 250;
/** Chats shown before anything is typed. */
const RECENT_CHATS = 8;

export interface SearchView {
  groups: ResultGroup[];
  /** True when the groups are the latest chats (nothing typed), not results. */
  recent: boolean;
  /** The device's index, or null until it starts. */
  index: IndexStatus | null;
  /** The server's results are not in (offline, or it failed): the note says so. */
  deviceOnly: boolean;
  /** Why search by meaning did not run for this query, from the server. */
  meaningUnavailable?: string;
  /** The device has not answered the query on screen yet. */
  pending: boolean;
  /** The query whose device results are shown ('' for none): bench/search waits on it. */
  resultsFor: string;
}

const NO_HITS: DeviceHits = { messages: [], titles: [] };
const idleStatus = () => null;
const noSubscription = () => () => {};

export function useSearch(userId: string, query: string, server: ServerSearch = searchServer): SearchView {
  const { search } = useDeviceSearch();
  const index = useSyncExternalStore(search?.subscribe ?? noSubscription, search?.getStatus ?? idleStatus);
  const threads = useThreads(userId);
  const { hidden } = useDeleteUndo();
  const online = useOnline();
  const trimmed = query.trim();

  // ---- the device, at every keystroke and every change to the index ----
  const [device, setDevice] = useState<{ query: string; hits: DeviceHits }>({ query: '', hits: NO_HITS });
  // Asked again after each change to a ready index; while it builds, every few thousand messages.
  const changes = index?.state === 'ready' ? index.version : `${index?.state}:${Math.floor((index?.size ?? 0) / 5000)}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` is what asks again after a change
  useEffect(() => {
    if (!search || !trimmed) return;
    let current = true;
    void search.search(trimmed, LIMIT).then((hits) => current && hits && setDevice({ query: trimmed, hits }));
    return () => {
      current = false;
    };
  }, [search, trimmed, changes]);

  // ---- the server, once typing pauses ----
  const [remote, setRemote] = useState<{ query: string; response: SearchResponse | null }>({
    query: '',
    response: null,
  });
  useEffect(() => {
    if (!trimmed || !online) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      server(trimmed, LIMIT, controller.signal).then(
        (response) => setRemote({ query: trimmed, response }),
        () => !controller.signal.aborted && setRemote({ query: trimmed, response: null }),
      );
    }, SERVER_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, online, server]);
  const response = online && remote.query === trimmed ? remote.response : null;
  const serverAnswered = online && remote.query === trimmed;

  // ---- messages the server found that the device's results did not: their role and date ----
  const hits = device.query === trimmed ? device.hits : NO_HITS;
  const merged = useMemo(() => mergeHits(hits, response), [hits, response]);
  const details = useMessageDetails(merged);

  const chats = useMemo(() => new Map<string, ChatInfo>((threads ?? []).map((t) => [t.id, t])), [threads]);
  const groups = useMemo(() => {
    if (!trimmed) return recentChats(threads ?? [], hidden);
    const items = merged.map((item) => (item.role ? item : { ...item, ...details.get(item.messageId) }));
    return groupResults(items, hits.titles, { chats, hidden });
  }, [trimmed, threads, hidden, merged, details, hits.titles, chats]);

  return {
    groups,
    recent: !trimmed,
    index,
    deviceOnly: Boolean(trimmed) && (!online || (serverAnswered && response === null)),
    ...(response?.meaningUnavailable ? { meaningUnavailable: response.meaningUnavailable } : {}),
    pending: Boolean(trimmed) && device.query !== trimmed,
    resultsFor: device.query === trimmed ? trimmed : '',
  };
}

function recentChats(threads: readonly ThreadMeta[], hidden: ReadonlySet<string>): ResultGroup[] {
  return threads
    .filter((t) => !hidden.has(t.id))
    .slice(0, RECENT_CHATS)
    .map((t) => ({
      threadId: t.id,
      title: t.title,
      titleMarks: [],
      updatedAt: t.updatedAt,
      items: [],
      more: 0,
      score: 0,
    }));
}

type Details = Pick<ResultItem, 'role' | 'createdAt'>;

/** Role and date of the merged items that lack them (found by the server alone), read from the device. */
function useMessageDetails(items: readonly ResultItem[]): ReadonlyMap<string, Details> {
  const [details, setDetails] = useState<ReadonlyMap<string, Details>>(new Map());
  const missing = items.filter((item) => !item.role && !details.has(item.messageId)).map((item) => item.messageId);
  const key = missing.join(',');
  useEffect(() => {
    if (!key) return;
    let current = true;
    const ids = key.split(',');
    void db.messages.bulkGet(ids).then((rows) => {
      if (!current) return;
      setDetails((known) => {
        const next = new Map(known);
        rows.forEach((row, i) => {
          if (row) next.set(ids[i]!, { role: row.role, createdAt: row.createdAt });
        });
        return next;
      });
    });
    return () => {
      current = false;
    };
  }, [key]);
  return details;
}
