import { describe, expect, it } from 'vitest';
import { assertPublicHost, endpointRefusal, isPublicAddress, PrivateEndpointError } from './endpoint-guard';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, unspecified, multicast and metadata addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.100.100.200',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '192.0.0.192',
      '::',
      '::1',
      'fc00::1',
      'fd00:ec2::254',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '64:ff9b::192.168.0.1',
      '2002:7f00:1::',
      'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('allows public addresses, v4 and v6', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '64:ff9b::808:808']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('assertPublicHost', () => {
  it('checks names after resolving them, and IP literals as they are', async () => {
    await expect(assertPublicHost('localhost')).rejects.toBeInstanceOf(PrivateEndpointError);
    await expect(assertPublicHost('[::1]')).rejects.toBeInstanceOf(PrivateEndpointError);
    await expect(assertPublicHost('8.8.8.8')).resolves.toBeUndefined();
  });
});

describe('endpointRefusal', () => {
  it('finds the refusal through the causes an SDK wraps it in', () => {
    const refusal = new PrivateEndpointError('10.0.0.1');
    const wrapped = new Error('Connection error.', { cause: new TypeError('fetch failed', { cause: refusal }) });
    expect(endpointRefusal(wrapped)).toBe(refusal.message);
    expect(endpointRefusal(new Error('other'))).toBeUndefined();
  });
});
