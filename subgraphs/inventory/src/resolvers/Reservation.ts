import type {
  OutOfStockResolvers,
  ReservationItemResolvers,
  ReservationResolvers,
  ReserveStockResultResolvers,
  StockAdjustmentResolvers,
} from '../__generated__/resolvers-types';

export const Reservation: ReservationResolvers = {
  items: (reservation, _, { loaders }) => loaders.reservationItemsByOrderId.load(reservation.orderId),
};

export const ReservationItem: ReservationItemResolvers = {
  product: (item) => ({ id: item.productId }),
};

export const OutOfStock: OutOfStockResolvers = {
  products: (result) => result.productIds.map((id) => ({ id })),
};

export const ReserveStockResult: ReserveStockResultResolvers = {
  __resolveType: (result) => ('orderId' in result ? 'Reservation' : 'OutOfStock'),
};

export const StockAdjustment: StockAdjustmentResolvers = {
  product: (adjustment) => ({ id: adjustment.productId }),
};
