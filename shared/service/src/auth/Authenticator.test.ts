import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { authConfigFrom, devSecret } from './authConfig';
import { Authenticator, MAX_AUTHORIZATION_CHARS } from './Authenticator';
import { generateTokenKeys } from './tokenKeys';

const PROVINCES = ['ZHEJIANG', 'SHANGHAI', 'JIANGSU'];

describe('token keys and verification', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-auth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start in production without a configured key', () => {
    expect(() => authConfigFrom({ NODE_ENV: 'production' }, dir)).toThrow(/production.*JWT_SECRET.*JWT_JWKS_FILE/);
    expect(() => authConfigFrom({ NODE_ENV: 'production', JWT_SECRET: 'too-short' }, dir)).toThrow(/at least 32/);
    expect(authConfigFrom({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }, dir).keys.algorithm).toBe('HS256');
  });

  it('keeps one small cache entry per token however it is spaced, and refuses a padded header before any work', async () => {
    const auth = new Authenticator(authConfigFrom({ JWT_SECRET: 'x'.repeat(32) }, dir), PROVINCES);
    const token = await auth.issue({ subject: 'analyst', role: 'analyst' });
    // 400 spacings of one token (an attacker's connection_init messages): one entry.
    for (let i = 0; i < 400; i++) await auth.actorFrom(`${' '.repeat(i % 7)}Bearer${' '.repeat(1 + (i % 13))}${token}${'\t'.repeat(i % 5)}`);
    expect(auth.cachedTokens).toBe(1);
    // Padded past the bound: refused as it is, never trimmed, matched or kept.
    await expect(auth.actorFrom(`Bearer ${token}${' '.repeat(200_000)}`)).rejects.toThrow(`at most ${MAX_AUTHORIZATION_CHARS} characters`);
    expect(auth.cachedTokens).toBe(1);
  });

  it('verifies tokens with the public set that generateTokenKeys writes, which cannot issue any', async () => {
    const { jwks, privateKeyPem } = await generateTokenKeys('k-test');
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/);
    writeFileSync(join(dir, 'generated-jwks.json'), JSON.stringify(jwks));
    writeFileSync(join(dir, 'generated-private.pem'), privateKeyPem);
    const issuer = new Authenticator(authConfigFrom({ JWT_JWKS_FILE: join(dir, 'generated-jwks.json'), JWT_PRIVATE_KEY_FILE: join(dir, 'generated-private.pem') }, dir), PROVINCES);
    const service = new Authenticator(authConfigFrom({ NODE_ENV: 'production', JWT_JWKS_FILE: join(dir, 'generated-jwks.json') }, dir), PROVINCES);
    const token = await issuer.issue({ subject: 'office@zhejiang', role: 'office', province: 'ZHEJIANG' });
    expect((await service.actorFrom(`Bearer ${token}`)).province).toBe('ZHEJIANG');
    // A service holds the public set only: it cannot mint a token for another province.
    await expect(service.issue({ subject: 'mallory', role: 'office', province: 'SHANGHAI' })).rejects.toThrow(/JWT_PRIVATE_KEY_FILE/);
  });

  it('creates one development secret that every service then reads', () => {
    const first = devSecret(join(dir, 'data'));
    const again = devSecret(join(dir, 'data'));
    expect(Buffer.from(again).toString()).toBe(Buffer.from(first).toString());
    expect(first.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a development secret that is a link, readable by others, owned by another user or empty', () => {
    const folder = (name: string) => {
      mkdirSync(join(dir, name), { recursive: true });
      return join(dir, name);
    };
    const planted = folder('linked');
    writeFileSync(join(dir, 'elsewhere'), 'x'.repeat(64), { mode: 0o600 });
    symlinkSync(join(dir, 'elsewhere'), join(planted, 'dev-jwt-secret'));
    expect(() => devSecret(planted)).toThrow(/must be a plain file/);
    const open = folder('open');
    writeFileSync(join(open, 'dev-jwt-secret'), 'x'.repeat(64), { mode: 0o644 });
    chmodSync(join(open, 'dev-jwt-secret'), 0o644);
    expect(() => devSecret(open)).toThrow(/read or written by others \(mode 644\)/);
    const empty = folder('empty');
    writeFileSync(join(empty, 'dev-jwt-secret'), '  \n', { mode: 0o600 });
    expect(() => devSecret(empty)).toThrow(/no usable secret/);
    if (process.getuid?.() === 0) {
      const foreign = folder('foreign');
      writeFileSync(join(foreign, 'dev-jwt-secret'), 'x'.repeat(64), { mode: 0o600 });
      chownSync(join(foreign, 'dev-jwt-secret'), 4321, 4321);
      expect(() => devSecret(foreign)).toThrow(/belongs to user 4321/);
    }
  });

  it('verifies RS256 tokens against a JWKS file, and refuses an HS256 token signed with its public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...await exportJWK(publicKey), kid: 'k1', alg: 'RS256', use: 'sig' };
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk] }));
    writeFileSync(join(dir, 'private.pem'), await exportPKCS8(privateKey));
    const config = authConfigFrom({ JWT_JWKS_FILE: join(dir, 'jwks.json'), JWT_PRIVATE_KEY_FILE: join(dir, 'private.pem') }, dir);
    const auth = new Authenticator(config, PROVINCES);
    const token = await auth.issue({ subject: 'clerk', role: 'office', province: 'JIANGSU' });
    expect(await auth.actorFrom(`Bearer ${token}`)).toEqual({ subject: 'clerk', role: 'office', province: 'JIANGSU', scopes: [] });

    // The classic algorithm confusion: an HS256 token whose "secret" is the public key.
    const confused = new Authenticator({ ...config, keys: { algorithm: 'HS256', secret: new TextEncoder().encode(JSON.stringify(jwk)) } }, PROVINCES);
    const forged = await confused.issue({ subject: 'mallory', role: 'office', province: 'SHANGHAI' });
    await expect(auth.actorFrom(`Bearer ${forged}`)).rejects.toThrow(/algorithm/);
  });

  it('refuses an office token for a province the platform does not have, and issues none', async () => {
    const auth = new Authenticator(authConfigFrom({ JWT_SECRET: 'y'.repeat(40) }, dir), PROVINCES);
    await expect(auth.issue({ subject: 'a', role: 'office', province: 'ANHUI' })).rejects.toThrow(/province/);
  });
});
