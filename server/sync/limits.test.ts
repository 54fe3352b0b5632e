import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_LIMITS } from '../../shared/sync/protocol';
import { parseConfig } from '../config';
import { formatBytes, resolveSyncLimits } from './limits';

describe('sync limits', () => {
  it('[S7] HEARTH_SYNC_LIMITS changes the limits it names and keeps the defaults of the others', () => {
    const { syncLimits } = parseConfig({ HEARTH_SYNC_LIMITS: '{"maxSocketsPerUser":500,"maxFrameBytes":65536}' });
    expect(syncLimits).toEqual({ maxSocketsPerUser: 500, maxFrameBytes: 65536 });
    expect(resolveSyncLimits(syncLimits)).toEqual({
      ...DEFAULT_SYNC_LIMITS,
      maxSocketsPerUser: 500,
      maxFrameBytes: 65536,
    });
    expect(parseConfig({}).syncLimits).toEqual({});
  });

  it('refuses HEARTH_SYNC_LIMITS that are not JSON, name no limit, or are not positive whole numbers', () => {
    for (const [value, message] of [
      ['maxSocketsPerUser=5', 'must be a JSON object'],
      ['{"maxSockets":5}', 'maxSockets'],
      ['{"maxFrameBytes":-1}', 'HEARTH_SYNC_LIMITS'],
      ['{"maxFrameBytes":1.5}', 'HEARTH_SYNC_LIMITS'],
    ] as const) {
      expect(() => parseConfig({ HEARTH_SYNC_LIMITS: value })).toThrow(message);
    }
  });

  it('writes sizes as people read them', () => {
    expect([formatBytes(2 * 1024 * 1024), formatBytes(64 * 1024), formatBytes(900)]).toEqual([
      '2 MiB',
      '64 KiB',
      '900 bytes',
    ]);
  });
});
