import { availabilityOf, NO_STOCK, stockLevel } from '../src/availability';

test('availability follows available units against the low-stock threshold', () => {
  expect(availabilityOf(stockLevel({ onHand: 50, reserved: 0, lowStockThreshold: 5 }))).toBe('IN_STOCK');
  expect(availabilityOf(stockLevel({ onHand: 6, reserved: 1, lowStockThreshold: 5 }))).toBe('LOW_STOCK');
  expect(availabilityOf(stockLevel({ onHand: 6, reserved: 6, lowStockThreshold: 5 }))).toBe('OUT_OF_STOCK');
  expect(availabilityOf(stockLevel({ onHand: 0, reserved: 0, lowStockThreshold: 0 }))).toBe('OUT_OF_STOCK');
});

test('a product with no stock row has nothing to sell', () => {
  expect(stockLevel(null)).toBe(NO_STOCK);
  expect(availabilityOf(NO_STOCK)).toBe('OUT_OF_STOCK');
});
