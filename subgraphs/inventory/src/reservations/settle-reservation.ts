import { GraphQLError } from 'graphql';
import { ErrorCode, notFound } from '@shopgraph/server';
import type { InventoryDb, InventoryTx } from '../db/database';
import {
  findReservationItems,
  lockExpiredHolds,
  lockReservation,
  returnUnits,
  setReservationStatus,
  takeHeldUnits,
  unholdUnits,
} from '../db/queries/reservations';
import type { ReservationRow } from '../db/schema';
import { recordStockChanged } from '../db/queries/stock-events';

export interface Settled {
  reservation: ReservationRow;
  /** Products whose stock changed (for cache invalidation); empty when nothing changed. */
  changed: string[];
}

async function giveBack(tx: InventoryTx, reservation: ReservationRow): Promise<string[]> {
  const items = await findReservationItems(tx, [reservation.orderId]);
  for (const item of items) {
    if (reservation.status === 'HELD') await unholdUnits(tx, item.productId, item.quantity);
    else await returnUnits(tx, item.productId, item.quantity);
  }
  const changed = items.map((item) => item.productId);
  await recordStockChanged(tx, changed);
  return changed;
}

/** On payment: held units leave the stock (available units stay as they were). Confirming twice changes nothing; an expired hold cannot be confirmed. */
export function confirmReservation(db: InventoryDb, orderId: string): Promise<Settled> {
  return db.transaction(async (tx) => {
    const reservation = await lockReservation(tx, orderId);
    if (!reservation) throw notFound('No reservation for this order');
    if (reservation.status === 'CONFIRMED') return { reservation, changed: [] };
    if (reservation.status === 'RELEASED' || reservation.expiresAt.getTime() <= Date.now()) {
      throw new GraphQLError('The reservation was released (expired or cancelled); reserve again', { extensions: { code: ErrorCode.CONFLICT } });
    }
    const items = await findReservationItems(tx, [orderId]);
    for (const item of items) await takeHeldUnits(tx, item.productId, item.quantity);
    return { reservation: await setReservationStatus(tx, orderId, 'CONFIRMED'), changed: items.map((item) => item.productId) };
  });
}

/** Gives the units back, held or already taken. Releasing twice changes nothing. */
export function releaseReservation(db: InventoryDb, orderId: string): Promise<Settled> {
  return db.transaction(async (tx) => {
    const reservation = await lockReservation(tx, orderId);
    if (!reservation) throw notFound('No reservation for this order');
    if (reservation.status === 'RELEASED') return { reservation, changed: [] };
    const changed = await giveBack(tx, reservation);
    return { reservation: await setReservationStatus(tx, orderId, 'RELEASED'), changed };
  });
}

/** Releases holds whose time ran out; safe to run in every process at once. Returns the products it changed. */
export function releaseExpiredHolds(db: InventoryDb, batchSize = 100): Promise<string[]> {
  return db.transaction(async (tx) => {
    const changed: string[] = [];
    for (const reservation of await lockExpiredHolds(tx, batchSize)) {
      changed.push(...(await giveBack(tx, reservation)));
      await setReservationStatus(tx, reservation.orderId, 'RELEASED');
    }
    return changed;
  });
}
