// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  Review: '../db/schema#ReviewRow',
  DeletedReview: '../db/schema#ReviewRow',
  Product: '../references#ProductReference',
  User: '../references#UserReference',
  RatingChangedEvent: '../subscriptions/rating-events#RatingChangedEventSource',
};
