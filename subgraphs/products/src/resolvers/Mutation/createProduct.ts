import { parseId, parseInput, requireRole } from '@shopgraph/server';
import { asCatalogWriteError } from '../../catalog/catalog-write-errors';
import { attributeRecord, createProductInput, slugify } from '../../catalog/product-input';
import { insertProductRow } from '../../db/queries/product-writes';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const createProduct: MutationResolvers['createProduct'] = async (_, { input }, { db, caches, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const categoryId = parseId(input.categoryId, 'categoryId');
  const fields = parseInput(createProductInput, {
    ...input,
    slug: input.slug ?? slugify(input.name),
    description: input.description ?? undefined,
    currency: input.currency ?? undefined,
    images: input.images ?? undefined,
    attributes: input.attributes ?? undefined,
  });
  try {
    const row = await insertProductRow(db, {
      ...fields,
      slug: fields.slug ?? slugify(fields.name),
      priceCents: fields.price,
      attributes: attributeRecord(fields.attributes),
      categoryId,
    });
    // A lookup of this SKU may have been cached as missing before the product existed.
    await Promise.all([caches.productById.invalidate([row.id]), caches.productBySku.invalidate([row.sku])]);
    return row;
  } catch (error) {
    throw asCatalogWriteError(error);
  }
};
