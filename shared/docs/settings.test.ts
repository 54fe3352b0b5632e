import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSettings, writeSetting } from './index-doc';
import { parseSettings, validateSetting } from './settings';

describe('settings', () => {
  it('reads defaults from nothing', () => {
    expect(parseSettings({})).toEqual({
      theme: 'system',
      uiFont: 'system',
      codeFont: 'monospace',
      defaultModel: null,
      favouriteModels: [],
      enabledProviders: null,
      customInstructions: { name: '', occupation: '', traits: [], about: '' },
    });
  });

  it('reads a bad stored value as the default, key by key, and ignores unknown keys', () => {
    const settings = parseSettings({ theme: 'neon', uiFont: 'Inter', favouriteModels: [1, 2], future: true });
    expect(settings.theme).toBe('system');
    expect(settings.uiFont).toBe('Inter');
    expect(settings.favouriteModels).toEqual([]);
  });

  it('refuses an invalid write and changes nothing', () => {
    const doc = new Y.Doc();
    writeSetting(doc, 'theme', 'dark');
    expect(() => writeSetting(doc, 'theme', 'neon' as never)).toThrow('Invalid value for setting theme');
    expect(() => validateSetting('customInstructions', { traits: 'not a list' })).toThrow();
    expect(readSettings(doc).theme).toBe('dark');
  });

  it('two devices changing different settings both win', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeSetting(a, 'theme', 'dark');
    writeSetting(b, 'defaultModel', 'groq/llama-3.3-70b-versatile');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readSettings(a)).toMatchObject({ theme: 'dark', defaultModel: 'groq/llama-3.3-70b-versatile' });
  });
});
