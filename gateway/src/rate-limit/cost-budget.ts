import type { Counters } from '@shopgraph/cache';
import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';
import type { Viewer } from '@shopgraph/auth';

export interface CostBudget {
  /** Cost points one client may spend per window. */
  points: number;
  windowSeconds: number;
}

export interface CostBudgets {
  perIp: CostBudget;
  /** Signed-in viewers are counted on their own as well, whatever address they come from. */
  perViewer: CostBudget;
}

export const DEFAULT_COST_BUDGETS: CostBudgets = {
  perIp: { points: 50_000, windowSeconds: 60 },
  perViewer: { points: 50_000, windowSeconds: 60 },
};

function rateLimited(who: string, budget: CostBudget, used: number, retryAfterSeconds: number): GraphQLError {
  const message = `The cost budget of ${budget.points} points per ${budget.windowSeconds} seconds for this ${who} is used up (${used}); try again in ${retryAfterSeconds} seconds`;
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      limit: `${who}CostBudget`,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * Charges an operation's estimated cost to its client's IP and, when signed in, its viewer, in
 * fixed windows every gateway shares; returns the refusal when either budget is spent. Every
 * operation costs at least one point, so cheap floods are counted too.
 */
export async function chargeCost(counters: Counters, budgets: CostBudgets, clientIp: string, viewer: Viewer, cost: number): Promise<GraphQLError | null> {
  const amount = Math.max(1, Math.ceil(cost));
  const charges = [
    counters.hit(`ratelimit:cost:ip:${clientIp}`, budgets.perIp.windowSeconds, amount).then((hit) => ({ ...hit, who: 'IP', budget: budgets.perIp })),
    ...(viewer.id
      ? [
          counters
            .hit(`ratelimit:cost:viewer:${viewer.id}`, budgets.perViewer.windowSeconds, amount)
            .then((hit) => ({ ...hit, who: 'viewer', budget: budgets.perViewer })),
        ]
      : []),
  ];
  const over = (await Promise.all(charges)).filter((hit) => hit.count > hit.budget.points);
  if (over.length === 0) return null;
  const latest = over.reduce((a, b) => (a.resetInSeconds >= b.resetInSeconds ? a : b));
  return rateLimited(latest.who, latest.budget, latest.count, latest.resetInSeconds);
}
