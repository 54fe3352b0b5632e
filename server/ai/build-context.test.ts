import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMessage, switchBranch } from '../../shared/docs/thread-doc';
import { buildContext, describeCustomInstructions, hasQuestion, pathTo } from './build-context';

const noInstructions = { name: '', occupation: '', traits: [], about: '' };

describe('pathTo', () => {
  it('walks parentId up from the placeholder, whatever branch is active', () => {
    const doc = new Y.Doc();
    const u1 = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'q1' });
    const a1 = addMessage(doc, { role: 'assistant', parentId: u1, now: 2, text: 'a1' });
    const u2 = addMessage(doc, { role: 'user', parentId: a1, now: 3, text: 'q2' });
    const sibling = addMessage(doc, { role: 'user', parentId: a1, now: 4, text: 'other' });
    const placeholder = addMessage(doc, { role: 'assistant', parentId: u2, now: 5, status: 'queued' });
    switchBranch(doc, sibling);
    expect(pathTo(doc, placeholder).map((m) => m.text)).toEqual(['q1', 'a1', 'q2']);
  });

  it('stops at a missing parent or a cycle', () => {
    const doc = new Y.Doc();
    const orphan = addMessage(doc, { role: 'user', parentId: 'f'.repeat(32), now: 1, text: 'lost parent' });
    const placeholder = addMessage(doc, { role: 'assistant', parentId: orphan, now: 2, status: 'queued' });
    expect(pathTo(doc, placeholder).map((m) => m.text)).toEqual(['lost parent']);
  });
});

describe('buildContext', () => {
  it('puts mode, instructions and project in one system message, and leaves out empty texts', () => {
    const doc = new Y.Doc();
    const u1 = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'Hello' });
    const failed = addMessage(doc, { role: 'assistant', parentId: u1, now: 2, status: 'error' });
    const u2 = addMessage(doc, { role: 'user', parentId: failed, now: 3, text: 'Hello?' });
    const placeholder = addMessage(doc, { role: 'assistant', parentId: u2, now: 4, status: 'queued' });
    const messages = buildContext(pathTo(doc, placeholder), {
      modePrompt: 'You are a pirate.',
      customInstructions: { name: 'Ada', occupation: 'mathematician', traits: ['brief', ' '], about: 'Likes engines.' },
      project: 'Project notes.',
    });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'user']);
    const system = String(messages[0]!.content);
    expect(system.indexOf('You are a pirate.')).toBe(0);
    expect(system).toContain("The user's name is Ada.");
    expect(system).toContain('Their occupation: mathematician.');
    expect(system).toContain('They want you to be: brief.');
    expect(system).toContain('Likes engines.');
    expect(system.endsWith('Project notes.')).toBe(true);
    expect(hasQuestion(messages)).toBe(true);
  });

  it('sends no system message when there is nothing to say', () => {
    const doc = new Y.Doc();
    const u1 = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'Hi' });
    const placeholder = addMessage(doc, { role: 'assistant', parentId: u1, now: 2, status: 'queued' });
    expect(buildContext(pathTo(doc, placeholder), { customInstructions: noInstructions })).toEqual([
      { role: 'user', content: 'Hi' },
    ]);
    expect(describeCustomInstructions(noInstructions)).toBe('');
  });

  it('has no question when the placeholder has no user message above it', () => {
    const doc = new Y.Doc();
    const placeholder = addMessage(doc, { role: 'assistant', parentId: null, now: 1, status: 'queued' });
    expect(hasQuestion(buildContext(pathTo(doc, placeholder), { modePrompt: 'x' }))).toBe(false);
  });
});
