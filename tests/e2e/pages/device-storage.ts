// Reads Hearth's IndexedDB directly from a page, to check what a device keeps on disk.
import type { Page } from 'playwright-core';

/** The meta table's rows as { key: value }; empty when the database or table is missing. */
export function readMetaRows(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains('meta')) {
            idb.close();
            return resolve({});
          }
          const all = idb.transaction('meta').objectStore('meta').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            idb.close();
            const rows = all.result as { key: string; value: unknown }[];
            resolve(Object.fromEntries(rows.map((row) => [row.key, row.value])));
          };
        };
      }),
  );
}
