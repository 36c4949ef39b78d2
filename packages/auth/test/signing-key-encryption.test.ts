import { randomBytes } from 'node:crypto';
import { ConfigError } from '@shopgraph/config';
import {
  keyEncryptionEnvSchema,
  openPrivateJwk,
  parseKeyEncryptionKeys,
  resolveKeyEncryptionKeys,
  sealPrivateJwk,
  UnknownKeyEncryptionKeyError,
  DEVELOPMENT_KEY_ENCRYPTION_KEYS,
} from '../src';

const key = () => randomBytes(32).toString('base64');
const keys = parseKeyEncryptionKeys(`current:${key()},previous:${key()}`);
const jwk = { kty: 'EC', crv: 'P-256', x: 'x-value', y: 'y-value', d: 'the-private-scalar' };

test('a sealed key opens only under its own kid: rows cannot be swapped, nor altered', () => {
  const sealed = sealPrivateJwk(keys, 'kid-a', jwk);
  expect(sealed.kekId).toBe('current');
  expect(sealed.ciphertext.toString('utf8')).not.toContain('the-private-scalar');
  expect(openPrivateJwk(keys, 'kid-a', sealed)).toEqual(jwk);
  expect(() => openPrivateJwk(keys, 'kid-b', sealed)).toThrow(/signing key kid-b does not open with key-encryption key "current"/);
  const flipped = Buffer.from(sealed.ciphertext);
  flipped[0]! ^= 1;
  expect(() => openPrivateJwk(keys, 'kid-a', { ...sealed, ciphertext: flipped })).toThrow(ConfigError);
});

test('a key sealed with an older KEK opens while that KEK is listed, and names it once it is not', () => {
  const [, previous] = keys;
  const sealedBefore = sealPrivateJwk([previous!], 'kid-a', jwk);
  expect(openPrivateJwk(keys, 'kid-a', sealedBefore)).toEqual(jwk);
  const error = (() => {
    try {
      return openPrivateJwk([keys[0]], 'kid-a', sealedBefore);
    } catch (caught) {
      return caught;
    }
  })();
  expect(error).toBeInstanceOf(UnknownKeyEncryptionKeyError);
  expect((error as Error).message).toContain('sealed with key-encryption key "previous", which is not in the list ("current")');
});

test('USERS_KEY_ENCRYPTION_KEYS: each bad value is refused naming the variable; unset means the development key, except in production', () => {
  const problems = (env: Record<string, string>) => {
    const parsed = keyEncryptionEnvSchema.safeParse(env);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };
  expect(problems({ USERS_KEY_ENCRYPTION_KEYS: `a:${randomBytes(16).toString('base64')}` })).toEqual([
    expect.stringMatching(/^USERS_KEY_ENCRYPTION_KEYS: entry 1 \("a"\): the key must be 32 bytes/),
  ]);
  expect(problems({ USERS_KEY_ENCRYPTION_KEYS: key() })).toEqual([expect.stringMatching(/^USERS_KEY_ENCRYPTION_KEYS: entry 1: expected id:base64/)]);
  expect(problems({ USERS_KEY_ENCRYPTION_KEYS: `a:${key()},a:${key()}` })).toEqual(['USERS_KEY_ENCRYPTION_KEYS: the id "a" appears twice']);
  expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^USERS_KEY_ENCRYPTION_KEYS: required when NODE_ENV=production/)]);
  expect(resolveKeyEncryptionKeys({ NODE_ENV: 'development' })).toBe(DEVELOPMENT_KEY_ENCRYPTION_KEYS);
  expect(resolveKeyEncryptionKeys({ NODE_ENV: 'production', USERS_KEY_ENCRYPTION_KEYS: ` new:${key()} , old:${key()}` }).map((kek) => kek.id)).toEqual([
    'new',
    'old',
  ]);
  expect(() => resolveKeyEncryptionKeys({ NODE_ENV: 'production' })).toThrow(ConfigError);
});
