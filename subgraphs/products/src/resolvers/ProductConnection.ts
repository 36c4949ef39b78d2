import type { CategoryFacetResolvers, ProductConnectionResolvers } from '../__generated__/resolvers-types';

export const ProductConnection: ProductConnectionResolvers = {
  totalCount: (connection, _, { search }) => search.count(connection.query),
  facets: (connection, _, { search }) => search.facets(connection.query),
};

export const CategoryFacet: CategoryFacetResolvers = {
  category: async (facet, _, { loaders }) => {
    const category = await loaders.categoryById.load(facet.categoryId);
    if (!category) throw new Error(`facet of a missing category ${facet.categoryId}`);
    return category;
  },
};
