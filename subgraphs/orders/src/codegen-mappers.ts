// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  Order: '../db/schema#OrderRow',
  OrderItem: '../db/schema#OrderItemRow',
  User: '../references#UserReference',
  Review: '../references#ReviewReference',
};
