import { createHmac, createSecretKey, hash, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { ROLES, SERVICE_ROLE, type Viewer } from './viewer';

const SIGNED_ROLES: readonly string[] = [...ROLES, SERVICE_ROLE];

/** Headers the gateway adds to every subgraph request; anything a client sent under these names is dropped. */
export const VIEWER_HEADER = 'x-shopgraph-viewer';
export const SIGNATURE_HEADER = 'x-shopgraph-signature';
/**
 * A value fresh for every subgraph call, under the signature: two calls never sign alike, so a
 * subgraph that remembers it can run a signed mutation once (docs/security.md).
 */
export const NONCE_HEADER = 'x-shopgraph-nonce';

// v2 signs the nonce as well; v1 (without one) is refused.
const VERSION = 'v2';
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
/** How long a signed subgraph request stays valid: long enough for a slow subgraph, short for replay. */
export const SIGNATURE_TTL_SECONDS = 60;

interface SignedViewer {
  sub: string | null;
  roles: string[];
  exp: number;
}

/**
 * The secrets as HMAC keys, imported once: a gateway signs every subgraph call (and a subgraph
 * checks every one) with the same one or two secrets, and a string key is imported again each time.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    if (keys.size < 16) keys.set(secret, key);
  }
  return key;
}

function mac(secret: string, viewerPart: string, nonce: string, body: string): Buffer {
  // One-shot hash: no Hash object per call.
  const bodyHash = hash('sha256', body, 'base64url');
  return createHmac('sha256', keyOf(secret)).update(`${VERSION}.${viewerPart}.${nonce}.${bodyHash}`).digest();
}

/** A nonce for one subgraph call. */
export const newNonce = (): string => randomUUID();

/**
 * The three headers that carry the viewer from the gateway to a subgraph: the viewer (id, roles,
 * expiry), a nonce, and an HMAC over both and the exact request body, so none can be changed or
 * replayed onto another operation.
 */
export function signSubgraphRequest(secret: string, viewer: Viewer, body: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const viewerPart = encodeViewer(viewer, nowSeconds);
  const nonce = newNonce();
  return { [VIEWER_HEADER]: viewerPart, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signatureFor(secret, viewerPart, nonce, body) };
}

/** The viewer header's value: who, with which roles, until when. */
export function encodeViewer(viewer: Viewer, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const payload: SignedViewer = { sub: viewer.id, roles: viewer.roles, exp: nowSeconds + SIGNATURE_TTL_SECONDS };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The signature header's value for an encoded viewer, the call's nonce and the exact body sent with it. */
export function signatureFor(secret: string, viewerPart: string, nonce: string, body: string): string {
  return `${VERSION}=${mac(secret, viewerPart, nonce, body).toString('base64url')}`;
}

export type VerifyResult =
  /** `nonce` and `expiresAt` (epoch seconds) let the subgraph refuse a second use until the signature expires. */
  { ok: true; viewer: Viewer; nonce: string; expiresAt: number } | { ok: false; reason: string };

/**
 * Checks a subgraph request's signature and expiry; the viewer it returns is the only one to trust.
 * Several secrets: a signature by any of them is accepted (a shared-secret rotation in progress).
 */
export function verifySubgraphRequest(
  secrets: string | readonly string[],
  headers: { get(name: string): string | undefined | null },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifyResult {
  const viewerPart = headers.get(VIEWER_HEADER);
  const signature = headers.get(SIGNATURE_HEADER);
  const nonce = headers.get(NONCE_HEADER);
  if (!viewerPart || !signature) return { ok: false, reason: 'missing gateway signature' };
  const [version, given] = signature.split('=', 2);
  if (version !== VERSION || !given) return { ok: false, reason: 'unknown signature version' };
  if (!nonce || !NONCE.test(nonce)) return { ok: false, reason: 'missing or malformed nonce' };
  const actual = Buffer.from(given, 'base64url');
  const signedBy = (secret: string) => {
    const expected = mac(secret, viewerPart, nonce, body);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  if (!(typeof secrets === 'string' ? [secrets] : secrets).some(signedBy)) return { ok: false, reason: 'bad gateway signature' };
  let payload: SignedViewer;
  try {
    payload = JSON.parse(Buffer.from(viewerPart, 'base64url').toString('utf8')) as SignedViewer;
  } catch {
    return { ok: false, reason: 'malformed viewer' };
  }
  if (typeof payload.exp !== 'number' || payload.exp < nowSeconds) return { ok: false, reason: 'expired gateway signature' };
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Viewer['roles'][number] => SIGNED_ROLES.includes(role)) : [];
  return { ok: true, viewer: { id: typeof payload.sub === 'string' ? payload.sub : null, roles }, nonce, expiresAt: payload.exp };
}
