// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  Product: '../db/schema#ProductRow',
  Category: '../db/schema#CategoryRow',
  ProductConnection: '../resolvers/product-page#ProductConnectionModel',
  ProductFacets: '../search/product-search#ProductFacetCounts',
  CategoryFacet: '../search/product-search#CategoryFacetCount',
};
