import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { commonEnv, ConfigError, parseEnv, z } from '@shopgraph/config';

/**
 * The users subgraph's private signing keys are sealed at rest with AES-256-GCM under a
 * key-encryption key (KEK) from USERS_KEY_ENCRYPTION_KEYS; the signing key's kid is the additional
 * authenticated data, so a sealed key copied onto another row does not open (docs/security.md).
 */
export const KEY_ENCRYPTION_KEYS_VARIABLE = 'USERS_KEY_ENCRYPTION_KEYS';

export interface KeyEncryptionKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** Current first: it seals. The others only open keys sealed before a rotation. */
export type KeyEncryptionKeys = readonly [KeyEncryptionKey, ...KeyEncryptionKey[]];

/**
 * Used when USERS_KEY_ENCRYPTION_KEYS is unset outside production, so `npm start` works with no
 * setup. Being public, it protects nothing: production refuses to start without real keys.
 */
export const DEVELOPMENT_KEY_ENCRYPTION_KEYS: KeyEncryptionKeys = [
  { id: 'development-only', key: createHash('sha256').update('shopgraph-development-only-key-encryption-key-not-for-production').digest() },
];

const KEK_ID = /^[A-Za-z0-9._-]{1,64}$/;
// Standard base64 of exactly 32 bytes: 43 characters and one `=`.
const KEK_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/** `id:base64,id:base64`, current first; throws naming the first entry that is wrong. */
export function parseKeyEncryptionKeys(text: string): KeyEncryptionKeys {
  const keys = text.split(',').map((entry, index) => {
    const [id = '', base64 = '', ...rest] = entry.trim().split(':');
    const which = `entry ${index + 1}`;
    if (rest.length > 0 || !KEK_ID.test(id)) throw new Error(`${which}: expected id:base64, the id made of letters, digits, '.', '_' or '-' (at most 64)`);
    if (!KEK_BASE64.test(base64)) throw new Error(`${which} ("${id}"): the key must be 32 bytes in standard base64 (openssl rand -base64 32)`);
    return { id, key: Buffer.from(base64, 'base64') };
  });
  const ids = keys.map((key) => key.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw new Error(`the id "${repeated}" appears twice`);
  return keys as unknown as KeyEncryptionKeys;
}

/** USERS_KEY_ENCRYPTION_KEYS with the NODE_ENV it is required in; one part of the users subgraph's env. */
export const keyEncryptionEnvSchema = z
  .object({
    NODE_ENV: commonEnv.NODE_ENV,
    USERS_KEY_ENCRYPTION_KEYS: z
      .string()
      .optional()
      .transform((text, context) => {
        if (text === undefined || text === '') return undefined;
        try {
          return parseKeyEncryptionKeys(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production' && env.USERS_KEY_ENCRYPTION_KEYS === undefined) {
      context.addIssue({
        code: 'custom',
        path: [KEY_ENCRYPTION_KEYS_VARIABLE],
        message: 'required when NODE_ENV=production: comma-separated id:base64 keys of 32 bytes, the current one first (docs/security.md)',
      });
    }
  });

/** The KEKs of a parsed environment: the variable's, or (outside production, the schema refuses it there) the development ones. */
export function keyEncryptionKeysFrom(env: z.infer<typeof keyEncryptionEnvSchema>): KeyEncryptionKeys {
  return env.USERS_KEY_ENCRYPTION_KEYS ?? DEVELOPMENT_KEY_ENCRYPTION_KEYS;
}

/** The KEKs the users subgraph uses with this environment; throws a ConfigError naming the variable. */
export function resolveKeyEncryptionKeys(env: NodeJS.ProcessEnv = process.env): KeyEncryptionKeys {
  return keyEncryptionKeysFrom(parseEnv(keyEncryptionEnvSchema, env));
}

/** What a row stores of a private key: which KEK sealed it, and AES-256-GCM's IV, tag and output. */
export interface SealedPrivateKey {
  kekId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

/** A key sealed with a KEK that USERS_KEY_ENCRYPTION_KEYS no longer lists: the operator's to fix, so a ConfigError. */
export class UnknownKeyEncryptionKeyError extends ConfigError {
  constructor(
    readonly kekId: string,
    kid: string,
    keys: KeyEncryptionKeys,
  ) {
    super([
      `${KEY_ENCRYPTION_KEYS_VARIABLE}: signing key ${kid} is sealed with key-encryption key "${kekId}", which is not in the list (${keys.map((key) => `"${key.id}"`).join(', ')}). ` +
        `Put "${kekId}" back after the current key and start again; once every replica has started, the keys are sealed with the current one and it can go.`,
    ]);
    this.name = 'UnknownKeyEncryptionKeyError';
  }
}

const CIPHER = 'aes-256-gcm';
const AUTH_TAG_BYTES = 16;

/** Seals a private JWK with the current KEK, bound to its kid. */
export function sealPrivateJwk(keys: KeyEncryptionKeys, kid: string, jwk: JWK): SealedPrivateKey {
  const [current] = keys;
  const iv = randomBytes(12);
  const cipher = createCipheriv(CIPHER, current.key, iv, { authTagLength: AUTH_TAG_BYTES }).setAAD(Buffer.from(kid, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
  return { kekId: current.id, iv, authTag: cipher.getAuthTag(), ciphertext };
}

/** Opens a sealed private JWK; throws UnknownKeyEncryptionKeyError for a KEK not listed, a ConfigError when it does not open (wrong key bytes, altered row, another kid's). */
export function openPrivateJwk(keys: KeyEncryptionKeys, kid: string, sealed: SealedPrivateKey): JWK {
  const kek = keys.find((key) => key.id === sealed.kekId);
  if (!kek) throw new UnknownKeyEncryptionKeyError(sealed.kekId, kid, keys);
  try {
    const decipher = createDecipheriv(CIPHER, kek.key, sealed.iv, { authTagLength: AUTH_TAG_BYTES })
      .setAAD(Buffer.from(kid, 'utf8'))
      .setAuthTag(sealed.authTag);
    return JSON.parse(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8')) as JWK;
  } catch {
    throw new ConfigError([
      `${KEY_ENCRYPTION_KEYS_VARIABLE}: signing key ${kid} does not open with key-encryption key "${kek.id}": that id now names other key bytes than the ones that sealed it, or the row was altered`,
    ]);
  }
}
