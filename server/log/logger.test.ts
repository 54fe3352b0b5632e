import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger';

describe('logger', () => {
  it('writes one JSON object per line with level and message', () => {
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line) }).info('hello', { userId: 'u1' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'hello', userId: 'u1' });
  });

  it('redacts secret-bearing keys at any depth', () => {
    const out = JSON.stringify(
      redact({ password: 'p4ss', headers: { cookie: 'c', Authorization: 'Bearer k' }, apiKey: 'sk-1', text: 'hi' }),
    );
    for (const secret of ['p4ss', 'Bearer k', 'sk-1', '"hi"']) expect(out).not.toContain(secret);
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    createLogger({ level: 'warn', write: (line) => lines.push(line) }).info('quiet');
    expect(lines).toHaveLength(0);
  });
});
