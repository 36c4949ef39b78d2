import { encodeViewer, newNonce, NONCE_HEADER, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER, verifySubgraphRequest, type Viewer } from '@shopgraph/auth';

/**
 * What the gateway puts in a `subscribe` message's `extensions` for the subgraph: the viewer,
 * signed as an HTTP subgraph call's headers are (the same three values under the same names), and
 * the cursor to resume after when it subscribes again after a drop.
 */
export interface SignedSubscriptionExtensions {
  [VIEWER_HEADER]: string;
  [NONCE_HEADER]: string;
  [SIGNATURE_HEADER]: string;
  /** The last cursor the gateway received on this subscription: replay from there, as `after` does. */
  resumeAfter?: string;
}

/** The part of a `subscribe` payload the signature covers. */
export interface SubscriptionRequestPayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/**
 * The code of a subscription's last result when its events arrived faster than they were resolved
 * and sent: the gateway disconnects its subscribers as slow consumers, as it would its own.
 */
export const SLOW_CONSUMER_CODE = 'SLOW_CONSUMER';

/** Where each `next` payload carries its event's cursor. */
export const CURSOR_EXTENSION = 'cursor';

/**
 * The exact text signed: the operation, its variables and the resume cursor, so none of them can
 * be changed under the signature. JSON.stringify of what JSON.parse gave back keeps the key order,
 * so the subgraph computes the same text from the message it received.
 */
function signedBody(payload: SubscriptionRequestPayload, resumeAfter: string | undefined): string {
  return JSON.stringify({
    query: payload.query,
    operationName: payload.operationName ?? null,
    variables: payload.variables ?? {},
    resumeAfter: resumeAfter ?? null,
  });
}

/** The extensions for one `subscribe` message; made afresh for every (re)subscription, as the signature expires. */
export function signSubscription(secret: string, viewer: Viewer, payload: SubscriptionRequestPayload, resumeAfter?: string): SignedSubscriptionExtensions {
  const viewerPart = encodeViewer(viewer);
  const nonce = newNonce();
  const signature = signatureFor(secret, viewerPart, nonce, signedBody(payload, resumeAfter));
  return { [VIEWER_HEADER]: viewerPart, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signature, ...(resumeAfter !== undefined && { resumeAfter }) };
}

export type VerifiedSubscription = { ok: true; viewer: Viewer; resumeAfter: string | undefined } | { ok: false; reason: string };

/** Checks a `subscribe` message's signature and expiry as the HTTP server checks a request's; the viewer it returns is the only one to trust. */
export function verifySubscription(secrets: readonly string[], payload: SubscriptionRequestPayload): VerifiedSubscription {
  const extensions = payload.extensions ?? {};
  const resumeAfter = typeof extensions.resumeAfter === 'string' ? extensions.resumeAfter : undefined;
  const verified = verifySubgraphRequest(
    secrets,
    { get: (name) => (typeof extensions[name] === 'string' ? (extensions[name] as string) : undefined) },
    signedBody(payload, resumeAfter),
  );
  return verified.ok ? { ok: true, viewer: verified.viewer, resumeAfter } : verified;
}
