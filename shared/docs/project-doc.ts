// The project doc (one per project): its text files, which go into the context of the
// project's threads.
import * as Y from 'yjs';
import { newId } from './ids';
import { childMap, ensureSchema, num, str } from './schema';

export interface ProjectFile {
  id: string;
  name: string;
  text: string;
  createdAt: number;
}

const filesOf = (doc: Y.Doc) => doc.getMap<unknown>('files');

export function addProjectFile(doc: Y.Doc, init: { name: string; text: string; now: number }): string {
  const id = newId();
  doc.transact(() => {
    ensureSchema(doc);
    const map = new Y.Map<unknown>();
    filesOf(doc).set(id, map);
    map.set('name', init.name);
    map.set('text', new Y.Text(init.text));
    map.set('createdAt', init.now);
  });
  return id;
}

export function listProjectFiles(doc: Y.Doc): ProjectFile[] {
  const out: ProjectFile[] = [];
  filesOf(doc).forEach((_, id) => {
    const map = childMap(filesOf(doc), id);
    const text = map?.get('text');
    if (!map || !(text instanceof Y.Text)) return;
    out.push({
      id,
      name: str(map.get('name')) ?? 'untitled',
      text: text.toString(),
      createdAt: num(map.get('createdAt')) ?? 0,
    });
  });
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

export function removeProjectFile(doc: Y.Doc, id: string): void {
  filesOf(doc).delete(id);
}
