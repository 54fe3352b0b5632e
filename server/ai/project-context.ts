// The project hook of the context: what a thread in a project adds to the system message.
// Today that is the project doc's text files; project instructions join here once the
// index doc has accessors for projects.
import * as Y from 'yjs';
import { listProjectFiles } from '../../shared/docs/project-doc';
import type { DocRegistry } from '../sync/doc-registry';

/** Answers the project's context in words, or null when it adds nothing. */
export type ProjectContext = (userId: string, projectId: string) => string | null;

/** Files beyond this many characters in total are cut, so one huge file cannot crowd out the chat. */
const MAX_PROJECT_CHARS = 100_000;

export function projectFilesContext(docs: DocRegistry): ProjectContext {
  return (userId, projectId) => {
    const state = docs.stateOf({ kind: 'project', userId, projectId });
    if (!state) return null;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      const files = listProjectFiles(doc);
      if (files.length === 0) return null;
      let budget = MAX_PROJECT_CHARS;
      const parts: string[] = [];
      for (const file of files) {
        if (budget <= 0) break;
        const text = file.text.slice(0, budget);
        budget -= text.length;
        parts.push(`--- ${file.name} ---\n${text}`);
      }
      return `Files from the user's project, for reference:\n\n${parts.join('\n\n')}`;
    } finally {
      doc.destroy();
    }
  };
}
