import type { SingleUseNonces } from '@shopgraph/cache';
import { isRedisUnavailable } from '@shopgraph/cache';
import { getOperationAST, parse } from 'graphql';

export type NonceVerdict = { fresh: true } | { fresh: false; reason: 'replayed' } | { fresh: false; reason: 'unavailable'; retryAfterSeconds: number };

/** A retry hint when the nonce store gives none. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

function isMutation(operation: unknown): boolean {
  const { query, operationName } = (operation ?? {}) as { query?: unknown; operationName?: unknown };
  // Nearly every subgraph call is a query or `_entities`: only a text naming `mutation` is parsed.
  if (typeof query !== 'string' || !query.includes('mutation')) return false;
  try {
    return getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined)?.operation === 'mutation';
  } catch {
    // Apollo refuses what does not parse; nothing of it runs.
    return false;
  }
}

/** Whether a POSTed body (one operation or a batch) holds a mutation. */
export function holdsMutation(body: unknown): boolean {
  return Array.isArray(body) ? body.some(isMutation) : isMutation(body);
}

/**
 * Claims a verified signature's nonce until the signature expires, in the store every replica
 * shares: the second request with it is a replay. Fails closed when the store cannot answer.
 */
export async function claimSignatureNonce(nonces: SingleUseNonces, nonce: string, expiresAtSeconds: number, nowMs = Date.now()): Promise<NonceVerdict> {
  // Until a second past `exp`: verification accepts a signature through its whole last second.
  const ttlMs = (expiresAtSeconds + 1) * 1000 - nowMs;
  try {
    return (await nonces.claim(nonce, ttlMs)) ? { fresh: true } : { fresh: false, reason: 'replayed' };
  } catch (error) {
    if (!isRedisUnavailable(error)) throw error;
    return { fresh: false, reason: 'unavailable', retryAfterSeconds: error.retryAfterSeconds || DEFAULT_RETRY_AFTER_SECONDS };
  }
}
