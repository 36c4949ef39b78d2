// A subgraph's process killed with SIGKILL under checkout load (an OOM kill, a node lost): the
// start:services supervisor starts it again by itself, checkouts are PAID again, and the orders
// the kill interrupted are all settled with the shop's invariants holding.
import type { ServiceName } from '@shopgraph/config';
import { endLoadAndCheckShop, measureRecovery, SHOP_SETTLED, useFaultPlatform, waitUntil } from './fault-platform';

describe('a subgraph kill -9ed under checkout load (one process per service)', () => {
  const suite = useFaultPlatform('subgraph-kill', 7);

  // orders runs the payment (a kill leaves orders PENDING mid-payment); inventory holds the stock.
  test.each<ServiceName>(['orders', 'inventory'])(
    '%s: started again by the supervisor, checkouts are PAID again and every order settles with the invariants holding',
    async (name) => {
      const { platform, probe, shoppers } = suite;
      const service = platform.services.processes[name];
      const [pid, restarts] = [service.pid!, service.restarts];
      const load = suite.startLoad();
      await waitUntil('load warmed up', async () => load.paidCount() >= shoppers.length, 30_000);

      process.kill(pid, 'SIGKILL');
      const respawnedMs = await waitUntil(`${name} started again`, async () => service.restarts === restarts + 1 && service.pid !== undefined, 30_000);
      const recovery = await measureRecovery(platform, probe);
      suite.measured[name] = {
        respawnedAfterKillMs: respawnedMs,
        firstPaidCheckoutAfterKillMs: respawnedMs + recovery.firstPaidCheckoutMs,
        allReadyAfterKillMs: respawnedMs + recovery.allReadyMs,
      };

      expect(service.pid).not.toBe(pid);
      expect(await endLoadAndCheckShop(platform, load, probe, recovery.unsettledKeys)).toEqual(SHOP_SETTLED);
    },
    200_000,
  );
});
