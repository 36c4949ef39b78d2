import { GraphQLError } from 'graphql';
import { isForeignKeyViolation, isUniqueViolation } from '@shopgraph/db';
import { badUserInput, ErrorCode } from '@shopgraph/server';

const conflict = (message: string, field: string) => new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field } });

/** A catalog write that Postgres refused, as the client error it is; anything else as it was. */
export function asCatalogWriteError(error: unknown): unknown {
  if (isUniqueViolation(error, 'products_sku_unique')) return conflict('Another product has this SKU', 'sku');
  if (isUniqueViolation(error, 'products_slug_unique')) return conflict('Another product has this slug', 'slug');
  if (isUniqueViolation(error, 'categories_slug_unique')) return conflict('Another category has this slug', 'slug');
  if (isForeignKeyViolation(error)) return badUserInput('No category with this id', 'categoryId');
  return error;
}
