// Child process of run.ts: the load generator's subscribers, in a process of their own so the
// gateway's /proc numbers are its own. Opens graphql-ws connections with the subscriptions the
// parent lists, and stamps each event on arrival: latency = arrival − the event's `at`.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serveParent } from '../child-process';

/** One WebSocket connection: who it signs in as and the subscriptions it carries. */
export interface ConnectionPlan {
  authorization: string;
  queries: string[];
}

export interface DeliverySummary {
  deliveries: number;
  errors: number;
  /** Connections the gateway closed, by close code. */
  closes: Record<string, number>;
  firstAt: number | null;
  lastAt: number | null;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Per event, the latency of its first delivery (the pipeline before fan-out), over events. */
  firstDeliveryMs: { p50: number; p99: number };
  /**
   * Per event, from its `at` to its arrival on Redis Streams (the cursor is the stream entry's id,
   * whose first part is Redis' clock in ms at XADD): the commit and the outbox relay, over events.
   */
  toBusMs: { p50: number; p99: number; max: number };
}

const clients: Client[] = [];
let latencies: number[] = [];
/** Event cursor → its earliest delivery's latency. */
let firstByEvent = new Map<string, number>();
/** Event cursor → the time from its `at` to its stream entry (same machine, same clock). */
let toBusByEvent = new Map<string, number>();
let errors = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
const closes: Record<string, number> = {};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function onEvent(message: { data?: Record<string, { at?: string; cursor?: string } | null> | null; errors?: readonly unknown[] }): void {
  const now = Date.now();
  const event = message.data ? Object.values(message.data)[0] : undefined;
  if (message.errors || !event?.at || !event.cursor) {
    errors += 1;
    return;
  }
  const latency = now - Date.parse(event.at);
  latencies.push(latency);
  if (!firstByEvent.has(event.cursor)) {
    firstByEvent.set(event.cursor, latency);
    const enteredBus = Number(event.cursor.split('-')[0]);
    if (Number.isFinite(enteredBus)) toBusByEvent.set(event.cursor, enteredBus - Date.parse(event.at));
  }
  firstAt ??= now;
  lastAt = now;
}

async function connect(url: string, plan: ConnectionPlan): Promise<void> {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: plan.authorization },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
  });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (event) => {
      const code = String((event as { code?: number }).code ?? 'unknown');
      closes[code] = (closes[code] ?? 0) + 1;
      reject(new Error(`connection closed with ${code} before it was acknowledged`));
    });
  });
  for (const query of plan.queries) {
    client.subscribe({ query }, { next: onEvent, error: () => void (errors += 1), complete: () => {} });
  }
}

serveParent(
  {},
  {
    open: async (payload) => {
      const { url, connections } = payload as { url: string; connections: ConnectionPlan[] };
      // A few handshakes at a time: each costs the gateway a token verification.
      for (let i = 0; i < connections.length; i += 20) await Promise.all(connections.slice(i, i + 20).map((plan) => connect(url, plan)));
      return { connections: clients.length };
    },
    count: () => ({ deliveries: latencies.length, errors }),
    reset: () => {
      latencies = [];
      firstByEvent = new Map();
      toBusByEvent = new Map();
      errors = 0;
      firstAt = null;
      lastAt = null;
      for (const code of Object.keys(closes)) delete closes[code];
      return {};
    },
    summary: (): DeliverySummary => {
      const sorted = Float64Array.from(latencies).sort();
      const list = Array.from(sorted);
      const firsts = Array.from(Float64Array.from(firstByEvent.values()).sort());
      const toBus = Array.from(Float64Array.from(toBusByEvent.values()).sort());
      return {
        deliveries: list.length,
        errors,
        closes,
        firstAt,
        lastAt,
        latencyMs: { p50: percentile(list, 50), p90: percentile(list, 90), p99: percentile(list, 99), max: list[list.length - 1] ?? 0 },
        firstDeliveryMs: { p50: percentile(firsts, 50), p99: percentile(firsts, 99) },
        toBusMs: { p50: percentile(toBus, 50), p99: percentile(toBus, 99), max: toBus[toBus.length - 1] ?? 0 },
      };
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.dispose()));
      clients.length = 0;
      return {};
    },
  },
  async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  },
);
