import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Category } from './Category';
import { Product } from './Product';
import { categories } from './Query/categories';
import { category } from './Query/category';
import { product } from './Query/product';
import { products } from './Query/products';
import { updateProduct } from './Mutation/updateProduct';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { product, products, categories, category },
  Mutation: { updateProduct },
  Product,
  Category,
};
