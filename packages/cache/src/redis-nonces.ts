import type Redis from 'ioredis';
import type { SingleUseNonces } from './cache';
import { RedisCircuit } from './redis-circuit';

/** Nonces in Redis, so every replica sees every claim: one SET NX PX per claim, gone when it expires. */
export class RedisNonces implements SingleUseNonces {
  /**
   * Over a connection of the caller's (the counters' one: fail-fast commands, a claim waits at
   * most the command timeout for a reconnection), which the caller closes.
   */
  constructor(
    private readonly redis: Redis,
    private readonly namespace = '',
    private readonly circuit = new RedisCircuit(),
  ) {}

  async claim(nonce: string, ttlMs: number): Promise<boolean> {
    const set = await this.circuit.run(() => this.redis.set(`${this.namespace}nonce:${nonce}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    return set === 'OK';
  }
}
