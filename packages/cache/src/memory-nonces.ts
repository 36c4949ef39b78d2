import type { SingleUseNonces } from './cache';

/** The in-process SingleUseNonces for the single-process mode, where there is only one process to ask. */
export class MemoryNonces implements SingleUseNonces {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(nonce: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiresAt = this.expiries.get(nonce);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.expiries.set(nonce, now + ttlMs);
    if (this.expiries.size > 100_000) this.sweep(now);
    return true;
  }

  private sweep(now: number): void {
    for (const [nonce, expiresAt] of this.expiries) if (expiresAt <= now) this.expiries.delete(nonce);
  }
}
