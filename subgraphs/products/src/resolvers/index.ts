import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Category } from './Category';
import { Product } from './Product';
import { categories } from './Query/categories';
import { category } from './Query/category';
import { product } from './Query/product';
import { products } from './Query/products';
import { archiveProduct } from './Mutation/archiveProduct';
import { createCategory } from './Mutation/createCategory';
import { createProduct } from './Mutation/createProduct';
import { restoreProduct } from './Mutation/restoreProduct';
import { updateProduct } from './Mutation/updateProduct';
import { CategoryFacet, ProductConnection } from './ProductConnection';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { product, products, categories, category },
  Mutation: { createProduct, updateProduct, archiveProduct, restoreProduct, createCategory },
  Product,
  Category,
  ProductConnection,
  CategoryFacet,
};
