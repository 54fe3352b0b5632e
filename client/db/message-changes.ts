// A log of which message rows changed, written in the same transaction as the change, so
// that an index built from the messages view (search, in its worker) can follow every write
// from any tab, and pick up after a reload exactly where its stored copy stopped. Installed
// as Dexie middleware: the writers of the view (sync/views.ts, the catch-up, dropping a
// thread) need not know about it, and none can forget it.
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/** One write to the messages view: the ids it touched, or `all` when the table was cleared. */
export interface MessageChangeRow {
  seq?: number;
  ids?: string[];
  all?: true;
}

export const MESSAGES = 'messages';
export const MESSAGE_CHANGES = 'messageChanges';

function changeOf(req: DBCoreMutateRequest): MessageChangeRow {
  switch (req.type) {
    case 'add':
    case 'put':
      return { ids: req.keys ?? req.values.map((row: { id: string }) => row.id) };
    case 'delete':
      return { ids: [...req.keys] };
    case 'deleteRange':
      return { all: true };
    default: {
      const never: never = req;
      return never;
    }
  }
}

export const messageChangeLog: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'message-change-log',
  create: (down) => ({
    // Every transaction that may write messages also holds the log, so both commit or neither.
    transaction: (stores, mode, options) =>
      down.transaction(
        mode === 'readwrite' && stores.includes(MESSAGES) && !stores.includes(MESSAGE_CHANGES)
          ? [...stores, MESSAGE_CHANGES]
          : stores,
        mode,
        options,
      ),
    table: (name) => {
      const table = down.table(name);
      // An upgrade from a version before the log runs on a schema without it: nothing to
      // log then (no index was stored before the log either).
      if (name !== MESSAGES || !down.schema.tables.some((t) => t.name === MESSAGE_CHANGES)) return table;
      const log = down.table(MESSAGE_CHANGES);
      return {
        ...table,
        mutate: async (req) => {
          const result = await table.mutate(req);
          await log.mutate({ type: 'add', trans: req.trans, values: [changeOf(req)] });
          return result;
        },
      };
    },
  }),
};
