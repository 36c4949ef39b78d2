/** Open subscriptions per user, across both transports of one gateway process. */
export class SubscriptionQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerUser: number) {}

  /** Takes one of the user's slots; false when they have none left. */
  acquire(userKey: string): boolean {
    const count = this.open.get(userKey) ?? 0;
    if (count >= this.maxPerUser) return false;
    this.open.set(userKey, count + 1);
    return true;
  }

  release(userKey: string): void {
    const left = (this.open.get(userKey) ?? 1) - 1;
    if (left > 0) this.open.set(userKey, left);
    else this.open.delete(userKey);
  }

  total(): number {
    return [...this.open.values()].reduce((sum, count) => sum + count, 0);
  }
}
