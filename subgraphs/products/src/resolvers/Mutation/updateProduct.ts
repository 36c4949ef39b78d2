import { badUserInput, notFound, parseId, parseInput, requireRole } from '@shopgraph/server';
import { asCatalogWriteError } from '../../catalog/catalog-write-errors';
import { attributeRecord, updateProductInput } from '../../catalog/product-input';
import { updateProductRow } from '../../db/queries/product-writes';
import { findProductsByIds } from '../../db/queries/products';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const updateProduct: MutationResolvers['updateProduct'] = async (_, { id, input }, { db, caches, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const productId = parseId(id);
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
  if (Object.keys(given).length === 0) throw badUserInput('Give at least one field to change');
  const { price, attributes, ...fields } = parseInput(updateProductInput, { ...given, categoryId: undefined });
  const [before] = await findProductsByIds(db, [productId]);
  if (!before) throw notFound('No product with this id');
  try {
    const row = await updateProductRow(db, productId, {
      ...fields,
      priceCents: price,
      attributes: attributes && attributeRecord(attributes),
      categoryId: input.categoryId ? parseId(input.categoryId, 'categoryId') : undefined,
    });
    if (!row) throw notFound('No product with this id');
    // After the write committed: every process reads the new row on its next load, by id and by both SKUs.
    await Promise.all([caches.productById.invalidate([row.id]), caches.productBySku.invalidate([...new Set([before.sku, row.sku])])]);
    return row;
  } catch (error) {
    throw asCatalogWriteError(error);
  }
};
