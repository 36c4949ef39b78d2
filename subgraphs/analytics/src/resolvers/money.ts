/**
 * Every order is in the shop's one currency (the orders subgraph's checkout sets USD), so sums of
 * minor units are meaningful; a second currency would need the facts grouped by it.
 */
export const SHOP_CURRENCY = 'USD';

export const money = (amount: number) => ({ amount, currency: SHOP_CURRENCY });

/** A share in [0, 1], 0 when there is nothing to divide by. */
export const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
