/** How far back the demo history goes. */
export const DEMO_HISTORY_DAYS = 365;

const DAY_MS = 86_400_000;

/**
 * The end of the demo history: the start of the current UTC day when this module was loaded.
 * Every seed of one process (all of them in `npm start` and the test platform) reads the same
 * value, so the orders, inventory, reviews and analytics databases tell one story; a database
 * seeded on another day has its history ending on that day.
 */
export const demoHistoryEnd: Date = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);

/** An instant `days` (fractions allowed) before the end of the history, at `hour` UTC of that day. */
export function historyTime(days: number, hour = 12, minute = 0): Date {
  return new Date(demoHistoryEnd.getTime() - Math.ceil(days) * DAY_MS + (hour * 60 + minute) * 60_000);
}

export const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * 3_600_000);
