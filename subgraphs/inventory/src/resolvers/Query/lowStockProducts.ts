import { pageSize } from '@shopgraph/server';
import { findLowStock } from '../../db/queries/stock';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const lowStockProducts: QueryResolvers['lowStockProducts'] = async (_, { first }, { db, loaders }) => {
  const rows = await findLowStock(db, pageSize(first));
  // Prime the loader so the products' stock fields need no second read.
  for (const row of rows) loaders.stockByProductId.prime(row.productId, row);
  return rows.map((row) => ({ id: row.productId }));
};
