// The schema version every doc carries, and the reading of loosely typed Y.Map fields.
import * as Y from 'yjs';

/** Bump only for additive changes that readers must know about; readers ignore unknown keys. */
export const SCHEMA_VERSION = 1;

/** Records the schema version in the doc's `meta` map, once. */
export function ensureSchema(doc: Y.Doc): void {
  const meta = doc.getMap('meta');
  if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', SCHEMA_VERSION);
}

export function schemaVersionOf(doc: Y.Doc): number | undefined {
  const version = doc.getMap('meta').get('schemaVersion');
  return typeof version === 'number' ? version : undefined;
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
export const bool = (value: unknown): boolean => value === true;

/** A nested Y.Map entry of `parent`, or undefined when absent or of another type. */
export function childMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> | undefined {
  const value = parent.get(key);
  return value instanceof Y.Map ? value : undefined;
}

/**
 * What a batch of observeDeep events on `parent` (a map of maps) touched: the keys of the
 * entries added, removed or replaced (`replaced`), and of those whose content changed inside.
 */
export function touchedEntries(
  parent: Y.Map<unknown>,
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
): { keys: Set<string>; replaced: boolean } {
  const keys = new Set<string>();
  let replaced = false;
  for (const event of events) {
    if (event.target === parent) {
      replaced = true;
      for (const key of event.keys.keys()) keys.add(key);
    } else {
      const key = event.path[0];
      if (typeof key === 'string') keys.add(key);
    }
  }
  return { keys, replaced };
}
