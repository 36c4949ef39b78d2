import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { adjustStock } from './Mutation/adjustStock';
import { confirmReservation } from './Mutation/confirmReservation';
import { releaseReservation } from './Mutation/releaseReservation';
import { reserveStock } from './Mutation/reserveStock';
import { setLowStockThreshold } from './Mutation/setLowStockThreshold';
import { Product } from './Product';
import { lowStockProducts } from './Query/lowStockProducts';
import { StockChangedEvent } from './StockChangedEvent';
import { stockChanged } from './Subscription/stockChanged';
import { OutOfStock, Reservation, ReservationItem, ReserveStockResult, StockAdjustment } from './Reservation';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { lowStockProducts },
  Mutation: { reserveStock, confirmReservation, releaseReservation, adjustStock, setLowStockThreshold },
  Subscription: { stockChanged },
  Product,
  StockChangedEvent,
  Reservation,
  ReservationItem,
  OutOfStock,
  ReserveStockResult,
  StockAdjustment,
};
