import { NONCE_HEADER, SIGNATURE_HEADER, signSubgraphRequest, verifySubgraphRequest, VIEWER_HEADER, type Viewer } from '../src';

const secret = 'test-secret-with-enough-entropy-0123456789';
const viewer: Viewer = { id: '9388fd0b-fd6b-587d-97c0-80d51e56cf3a', roles: ['CUSTOMER'] };
const body = JSON.stringify({ query: '{ me { id } }' });
const now = 1_800_000_000;
const headersOf = (record: Record<string, string>) => ({ get: (name: string) => record[name] });

test('a signed request verifies and yields the viewer', () => {
  const result = verifySubgraphRequest(secret, headersOf(signSubgraphRequest(secret, viewer, body, now)), body, now + 5);
  expect(result).toEqual({ ok: true, viewer, nonce: expect.any(String), expiresAt: now + 60 });
});

test('during a rotation a signature by either accepted secret verifies, and one by any other does not', () => {
  const next = 'the-next-secret-with-enough-entropy-012345';
  for (const signer of [secret, next])
    expect(verifySubgraphRequest([secret, next], headersOf(signSubgraphRequest(signer, viewer, body, now)), body, now).ok).toBe(true);
  expect(verifySubgraphRequest([secret, next], headersOf(signSubgraphRequest('another-secret', viewer, body, now)), body, now)).toEqual({
    ok: false,
    reason: 'bad gateway signature',
  });
});

test('unsigned, forged, tampered, replayed onto another body, and expired requests are refused', () => {
  const signed = signSubgraphRequest(secret, viewer, body, now);
  expect(verifySubgraphRequest(secret, headersOf({}), body, now)).toEqual({ ok: false, reason: 'missing gateway signature' });
  expect(verifySubgraphRequest(secret, headersOf(signSubgraphRequest('another-secret', viewer, body, now)), body, now).ok).toBe(false);

  const admin = Buffer.from(JSON.stringify({ sub: viewer.id, roles: ['ADMIN'], exp: now + 60 })).toString('base64url');
  expect(verifySubgraphRequest(secret, headersOf({ ...signed, [VIEWER_HEADER]: admin }), body, now).ok).toBe(false);

  const otherBody = JSON.stringify({ query: 'mutation { deleteEverything }' });
  expect(verifySubgraphRequest(secret, headersOf(signed), otherBody, now).ok).toBe(false);

  expect(verifySubgraphRequest(secret, headersOf(signed), body, now + 61)).toEqual({ ok: false, reason: 'expired gateway signature' });
  expect(verifySubgraphRequest(secret, headersOf({ ...signed, [SIGNATURE_HEADER]: 'v0=abc' }), body, now).ok).toBe(false);
});

test('the nonce is signed: a fresh one cannot be put on a captured request', () => {
  const signed = signSubgraphRequest(secret, viewer, body, now);
  expect(verifySubgraphRequest(secret, headersOf({ ...signed, [NONCE_HEADER]: 'a-fresh-nonce-0123456789' }), body, now)).toEqual({
    ok: false,
    reason: 'bad gateway signature',
  });
  const { [NONCE_HEADER]: _nonce, ...withoutNonce } = signed;
  expect(verifySubgraphRequest(secret, headersOf(withoutNonce), body, now)).toEqual({ ok: false, reason: 'missing or malformed nonce' });
  expect(signSubgraphRequest(secret, viewer, body, now)[NONCE_HEADER]).not.toBe(signed[NONCE_HEADER]);
});
