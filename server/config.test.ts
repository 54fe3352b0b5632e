import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 8787, host: '0.0.0.0', dataDir: './data', signup: 'open', trustProxy: false });
    expect(config.secret).toBeUndefined();
    expect(config.tls).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', HEARTH_SIGNUP: '' }).port).toBe(8787);
  });

  it('reads every variable', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      HEARTH_DATA_DIR: '/tmp/x',
      HEARTH_SECRET: 'a'.repeat(40),
      HEARTH_SIGNUP: 'closed',
      HEARTH_TLS_CERT: 'c.pem',
      HEARTH_TLS_KEY: 'k.pem',
      HEARTH_TRUST_PROXY: 'on',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      signup: 'closed',
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      trustProxy: true,
    });
  });

  it('names each bad variable with what is wrong, in one error', () => {
    const error = catchError(() => parseConfig({ PORT: 'eighty', HEARTH_SIGNUP: 'maybe' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('PORT (got "eighty"): must be a number');
    expect(error.message).toContain("HEARTH_SIGNUP (got \"maybe\"): must be 'open' or 'closed'");
  });

  it('refuses a port out of range', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow('must be between 0 and 65535');
  });

  it('refuses a short secret without echoing it', () => {
    const error = catchError(() => parseConfig({ HEARTH_SECRET: 'hunter2' }));
    expect(error.message).toContain('HEARTH_SECRET: must be at least 32 characters long');
    expect(error.message).not.toContain('hunter2');
  });

  it('wants both TLS files or neither', () => {
    expect(() => parseConfig({ HEARTH_TLS_CERT: 'c.pem' })).toThrow('set both HEARTH_TLS_CERT and HEARTH_TLS_KEY');
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
