import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import postgres from 'postgres';
import { ACCESS_TOKEN, JWKS_PATH, openPrivateJwk, parseKeyEncryptionKeys } from '@shopgraph/auth';
import { DEMO_CUSTOMER_EMAIL, DEMO_PASSWORD, demoUsers } from '@shopgraph/demo-data';
import {
  dropTestDatabases,
  setEnvironment,
  startServiceForTest,
  TEST_GATEWAY_SECRET,
  testDatabaseServerUrl,
  uniqueDatabasePrefix,
  type TestService,
} from '@shopgraph/testing';
import { startService } from '../src';

// One users database across restarts of the service, each with the KEK list a rollout would give it.
const OLD = `old:${randomBytes(32).toString('base64')}`;
const NEW = `new:${randomBytes(32).toString('base64')}`;
const MAIN = join(__dirname, '..', 'src', 'main.ts');
const customer = demoUsers.find((user) => user.email === DEMO_CUSTOMER_EMAIL)!;

interface StoredKey {
  kid: string;
  kek_id: string | null;
  private_jwk: unknown;
  private_key_iv: Buffer | null;
  private_key_auth_tag: Buffer | null;
  private_key_ciphertext: Buffer | null;
  row: string;
}

/** The users service over the databases of `databasePrefix`, started with this KEK list (it is read at start only). */
async function startUsers(databasePrefix: string, keys: string): Promise<TestService> {
  const restore = setEnvironment({ USERS_KEY_ENCRYPTION_KEYS: keys });
  try {
    return await startServiceForTest('users', startService, { databasePrefix });
  } finally {
    restore();
  }
}

async function login(service: TestService): Promise<string> {
  const { data, errors } = await service.request('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: customer.email,
    p: DEMO_PASSWORD,
  });
  expect(errors).toBeUndefined();
  return data!.login.accessToken as string;
}

/** What the gateway does with a token: verify it against the users JWKS (here a fresh copy); the subject. */
async function verifyAsGateway(service: TestService, token: string): Promise<string | undefined> {
  const jwks = createRemoteJWKSet(new URL(JWKS_PATH, service.url));
  const { payload } = await jwtVerify(token, jwks, { algorithms: [ACCESS_TOKEN.algorithm], issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience });
  return payload.sub;
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

describe('private signing keys are sealed at rest with USERS_KEY_ENCRYPTION_KEYS', () => {
  const databasePrefix = uniqueDatabasePrefix();
  let users: TestService | undefined;
  let sql: postgres.Sql;
  let tokenBeforeRotation: string;

  const stop = async () => {
    await users?.stop();
    users = undefined;
  };
  const start = async (keys: string) => {
    await stop();
    users = await startUsers(databasePrefix, keys);
    sql ??= postgres(users.databaseUrl, { max: 1, onnotice: () => {} });
    return users;
  };
  const storedKeys = () => sql<StoredKey[]>`select *, row_to_json(k)::text as row from signing_keys k order by created_at`;
  const runMain = (env: NodeJS.ProcessEnv) => {
    const { USERS_KEY_ENCRYPTION_KEYS: _unset, USERS_DATABASE_URL: _own, REDIS_URL: _shared, ...inherited } = process.env;
    return spawnSync(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...inherited, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  afterAll(async () => {
    await stop();
    await sql?.end();
    await dropTestDatabases(databasePrefix);
  });

  test('the stored row holds no cleartext private key, only what the current KEK sealed', async () => {
    tokenBeforeRotation = await login(await start(OLD));
    const [stored, ...others] = await storedKeys();
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ kid: kidOf(tokenBeforeRotation), kek_id: 'old', private_jwk: null });
    expect(stored!.row).not.toContain('"d":');
    // Its private scalar appears nowhere in the row, in any column.
    const opened = openPrivateJwk(parseKeyEncryptionKeys(OLD), stored!.kid, {
      kekId: 'old',
      iv: stored!.private_key_iv!,
      authTag: stored!.private_key_auth_tag!,
      ciphertext: stored!.private_key_ciphertext!,
    });
    expect(opened.d).toEqual(expect.any(String));
    expect(stored!.row).not.toContain(opened.d);
  });

  test('restarted with a new KEK prepended: tokens signed before still verify through the JWKS, and every key is resealed with the new KEK', async () => {
    const restarted = await start(`${NEW},${OLD}`);
    expect(await verifyAsGateway(restarted, tokenBeforeRotation)).toBe(customer.id);
    expect((await storedKeys()).map((key) => key.kek_id)).toEqual(['new']);
    // The same key still signs: it was resealed, not replaced.
    expect(kidOf(await login(restarted))).toBe(kidOf(tokenBeforeRotation));
  });

  test('a key sealed with a KEK that is no longer listed fails the start, naming that KEK', async () => {
    await expect(start(OLD)).rejects.toThrow(
      /USERS_KEY_ENCRYPTION_KEYS: signing key [0-9a-f-]+ is sealed with key-encryption key "new", which is not in the list \("old"\)/,
    );
  });

  test('main.js says so in one configuration message and exits 1, without a stack trace', () => {
    const result = runMain({ NODE_ENV: 'test', DATABASE_URL: testDatabaseServerUrl(), DATABASE_PREFIX: databasePrefix, USERS_KEY_ENCRYPTION_KEYS: OLD });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration:\n {2}- USERS_KEY_ENCRYPTION_KEYS: signing key \S+ is sealed with key-encryption key "new"/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('a cleartext key written before keys were sealed is sealed at the next start and keeps signing', async () => {
    const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN.algorithm, { extractable: true });
    const kid = randomUUID();
    const privateJwk = await exportJWK(privateKey);
    await sql`insert into signing_keys (kid, private_jwk, public_jwk, created_at) values (${kid}, ${JSON.stringify(privateJwk)}::jsonb, ${JSON.stringify(await exportJWK(publicKey))}::jsonb, now() + interval '1 minute')`;
    const signedBefore = await new SignJWT({ roles: ['CUSTOMER'] })
      .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, kid })
      .setSubject(customer.id)
      .setIssuer(ACCESS_TOKEN.issuer)
      .setAudience(ACCESS_TOKEN.audience)
      .setExpirationTime('5m')
      .sign(privateKey);

    const restarted = await start(NEW);
    const legacy = (await storedKeys()).find((key) => key.kid === kid)!;
    expect(legacy).toMatchObject({ kek_id: 'new', private_jwk: null });
    expect(legacy.row).not.toContain(privateJwk.d);
    expect(await verifyAsGateway(restarted, signedBefore)).toBe(customer.id);
    expect(kidOf(await login(restarted))).toBe(kid);
  });

  test('in production the users subgraph will not start without USERS_KEY_ENCRYPTION_KEYS, and says so', () => {
    const result = runMain({ NODE_ENV: 'production', GATEWAY_SHARED_SECRET: TEST_GATEWAY_SECRET, DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/USERS_KEY_ENCRYPTION_KEYS \(unset\): required when NODE_ENV=production/);
  });
});

describe('during a rollout that prepends a KEK', () => {
  const databasePrefix = uniqueDatabasePrefix();
  const running: TestService[] = [];
  afterAll(async () => {
    jest.useRealTimers();
    for (const service of running) await service.stop();
    await dropTestDatabases(databasePrefix);
  });

  test('a replica still on the old list keeps signing with the newest key it can open, which the JWKS publishes', async () => {
    const oldReplica = await startUsers(databasePrefix, OLD);
    running.push(oldReplica);
    const firstKid = kidOf(await login(oldReplica));
    // A new replica reseals every key with NEW; an admin rotates there, so the newest key is sealed with NEW only.
    const newReplica = await startUsers(databasePrefix, `${NEW},${OLD}`);
    running.push(newReplica);
    const rotated = await newReplica.request(
      'mutation { rotateSigningKey }',
      {},
      { id: demoUsers.find((user) => user.role === 'ADMIN')!.id, roles: ['ADMIN'] },
    );
    expect(rotated.errors).toBeUndefined();
    expect(kidOf(await login(newReplica))).toBe(rotated.data!.rotateSigningKey);

    // Past the old replica's 30 s refresh: it rereads the keys and cannot open the newest.
    jest.useFakeTimers({
      now: Date.now() + 31_000,
      doNotFake: [
        'nextTick',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'hrtime',
        'performance',
      ],
    });
    const token = await login(oldReplica);
    expect(kidOf(token)).toBe(firstKid);
    expect(await verifyAsGateway(newReplica, token)).toBe(customer.id);
  });
});
