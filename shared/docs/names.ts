// Doc names: `<userId>/index`, `<userId>/thread/<threadId>`, `<userId>/project/<projectId>`.
// The one place that builds and parses them; the server authorises by the user id in a name.
import { isId } from './ids';

export type DocRef =
  | { kind: 'index'; userId: string }
  | { kind: 'thread'; userId: string; threadId: string }
  | { kind: 'project'; userId: string; projectId: string };

export const indexDocName = (userId: string) => `${userId}/index`;
export const threadDocName = (userId: string, threadId: string) => `${userId}/thread/${threadId}`;
export const projectDocName = (userId: string, projectId: string) => `${userId}/project/${projectId}`;

/** Parses and validates a doc name; null when it is not one Hearth makes. */
export function parseDocName(name: string): DocRef | null {
  const parts = name.split('/');
  const [userId, kind, id] = parts;
  if (!isId(userId)) return null;
  if (parts.length === 2 && kind === 'index') return { kind: 'index', userId };
  if (parts.length === 3 && isId(id)) {
    if (kind === 'thread') return { kind: 'thread', userId, threadId: id };
    if (kind === 'project') return { kind: 'project', userId, projectId: id };
  }
  return null;
}

/** Formats a parsed reference back into its name. */
export function docNameOf(ref: DocRef): string {
  switch (ref.kind) {
    case 'index':
      return indexDocName(ref.userId);
    case 'thread':
      return threadDocName(ref.userId, ref.threadId);
    case 'project':
      return projectDocName(ref.userId, ref.projectId);
    default: {
      const never: never = ref;
      throw new Error(`unknown doc kind ${JSON.stringify(never)}`);
    }
  }
}
