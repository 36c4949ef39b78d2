// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  Product: '../product-reference#ProductReference',
  Stock: '../availability#StockLevel',
};
