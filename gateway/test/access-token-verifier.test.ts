import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { ACCESS_TOKEN } from '@shopgraph/auth';
import { createAccessTokenVerifier } from '../src/auth/access-token-verifier';

let server: Server;
let jwksUrl: URL;
let privateKey: KeyLike;

beforeAll(async () => {
  const keys = await generateKeyPair(ACCESS_TOKEN.algorithm);
  privateKey = keys.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'test', alg: ACCESS_TOKEN.algorithm, use: 'sig' }] });
  server = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const sign = (expiresAtSeconds: number, roles: string[] = ['CUSTOMER']) =>
  new SignJWT({ roles })
    .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, kid: 'test' })
    .setSubject('user-1')
    .setIssuer(ACCESS_TOKEN.issuer)
    .setAudience(ACCESS_TOKEN.audience)
    .setExpirationTime(expiresAtSeconds)
    .sign(privateKey);

test('a remembered token answers a fresh copy of its viewer each time', async () => {
  const verify = createAccessTokenVerifier(() => jwksUrl);
  const authorization = `Bearer ${await sign(Math.floor(Date.now() / 1000) + 600)}`;
  const first = await verify(authorization);
  expect(first).toMatchObject({ id: 'user-1', roles: ['CUSTOMER'] });
  first.roles.push('ADMIN');
  expect((await verify(authorization)).roles).toEqual(['CUSTOMER']);
});

test('a remembered token is refused as expired from the millisecond jose would refuse it', async () => {
  const verify = createAccessTokenVerifier(() => jwksUrl);
  const expiresAt = Math.floor(Date.now() / 1000) + 1;
  const authorization = `Bearer ${await sign(expiresAt)}`;
  await expect(verify(authorization)).resolves.toMatchObject({ id: 'user-1', expiresAt: expiresAt * 1000 });
  // Waits for the wall clock itself (jose reads it too), at most a second.
  while (Date.now() < expiresAt * 1000) await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now()));
  await expect(verify(authorization)).rejects.toThrow(/has expired/);
});
