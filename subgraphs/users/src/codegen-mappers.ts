// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  User: '../db/schema#UserRow',
  Address: '../db/schema#AddressRow',
  FailedAccountEmail: '../db/schema#OutboxRow',
};
