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
 * operation costs at least one point, so cheap floods are counted too. An anonymous operation
 * (most of them) makes one charge and nothing else: no list of charges, no copies of the answers.
 */
export async function chargeCost(counters: Counters, budgets: CostBudgets, clientIp: string, viewer: Viewer, cost: number): Promise<GraphQLError | null> {
  const amount = Math.max(1, Math.ceil(cost));
  const ipCharge = counters.hit(`ratelimit:cost:ip:${clientIp}`, budgets.perIp.windowSeconds, amount);
  if (!viewer.id) {
    const ip = await ipCharge;
    return ip.count > budgets.perIp.points ? rateLimited('IP', budgets.perIp, ip.count, ip.resetInSeconds) : null;
  }
  const [ip, signedIn] = await Promise.all([ipCharge, counters.hit(`ratelimit:cost:viewer:${viewer.id}`, budgets.perViewer.windowSeconds, amount)]);
  const ipOver = ip.count > budgets.perIp.points;
  const viewerOver = signedIn.count > budgets.perViewer.points;
  // Both spent: the one that resets last (the IP's on a tie) says when to come back.
  if (viewerOver && (!ipOver || signedIn.resetInSeconds > ip.resetInSeconds))
    return rateLimited('viewer', budgets.perViewer, signedIn.count, signedIn.resetInSeconds);
  return ipOver ? rateLimited('IP', budgets.perIp, ip.count, ip.resetInSeconds) : null;
}
