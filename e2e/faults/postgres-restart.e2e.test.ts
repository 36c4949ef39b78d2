// Issue #15, finding 1: PostgreSQL stopped for a while under checkout load, then started. Every
// service must ride it out in its own process (no crash, so nothing to restart), checkouts must be
// PAID again soon after, and no order may be left half-done.
import type { PostgresStopMode } from '@shopgraph/testing';
import { outcomesSince } from './checkout-load';
import { endLoadAndCheckShop, measureRecovery, pidsOf, SHOP_SETTLED, useFaultPlatform, waitUntil } from './fault-platform';

/** How long PostgreSQL stays down: long enough that every pool sees its connections die. */
const OUTAGE_MS = 4_000;

describe('PostgreSQL stopped and started under checkout load (one process per service)', () => {
  const suite = useFaultPlatform('postgres-restart', 7);

  test.each<PostgresStopMode>(['immediate', 'fast'])(
    'pg_ctl stop -m %s: no service dies, checkouts are PAID again and every order settles with the invariants holding',
    async (mode) => {
      const { platform, probe, shoppers } = suite;
      const pidsBefore = pidsOf(platform);
      const load = suite.startLoad();
      await waitUntil('load warmed up', async () => load.paidCount() >= shoppers.length, 30_000);

      await platform.postgres.stop(mode);
      const stoppedAt = Date.now();
      try {
        // Either step: the load warms up on a burst of PAID checkouts, so at the stop the shoppers
        // can all be adding to their carts, which fails for the whole outage (stock is read
        // from inventory's database) and never gets them to a checkout.
        await waitUntil(
          "the shoppers' requests fail while PostgreSQL is down",
          async () => load.attempts.some((attempt) => attempt.startedAt > stoppedAt && attempt.outcome === 'ERROR'),
          20_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}; requests since the stop: ${outcomesSince(load.attempts, stoppedAt)}`);
        });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
      } finally {
        // Even when the case fails here: the next one must not find PostgreSQL stopped.
        await platform.postgres.start();
      }
      const startedAt = Date.now();

      const recovery = await measureRecovery(platform, probe);
      await waitUntil('the shoppers buy again', async () => load.paidCount(startedAt) >= 3, 60_000);
      suite.measured[mode] = {
        postgresDownMs: startedAt - stoppedAt,
        firstPaidCheckoutAfterStartMs: recovery.firstPaidCheckoutMs,
        allReadyAfterStartMs: recovery.allReadyMs,
      };

      expect(await endLoadAndCheckShop(platform, load, probe, recovery.unsettledKeys)).toEqual(SHOP_SETTLED);
      // Nothing crashed: the same processes serve as before, none was restarted.
      expect(pidsOf(platform)).toEqual(pidsBefore);
    },
    200_000,
  );
});
