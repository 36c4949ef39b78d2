// The demo data's password (packages/demo-data); client operations do not depend on the demo data.
export const DEMO_PASSWORD = 'shopgraph-demo';

/**
 * What Apollo Sandbox opens with at /graphql in development: one operation per storefront flow
 * (browse, search, sign in, cart, address, checkout, follow an order), runnable top to bottom.
 * Sandbox shows one tab whose document holds them all; pick one in the Run menu.
 */
export const SANDBOX_EXAMPLE_DOCUMENT = `# Shopgraph: one graph over users, products, orders, inventory and reviews.
# Demo accounts: customer@shopgraph.dev or admin@shopgraph.dev, password "${DEMO_PASSWORD}".
# 1. Run Browse and Search as anyone.
# 2. Run Login, copy data.login.accessToken, and add the header
#      Authorization: Bearer <accessToken>
#    (Headers tab; for OrderStatus also in Settings > connection params as {"authorization": "Bearer <accessToken>"}).
# 3. AddAddress (once), AddToCart with a productId from Browse, Cart, then Checkout with a new
#    idempotencyKey (any UUID). Cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.
# 4. OrderStatus with the order id streams its status changes (after: "0-0" replays the last 24 hours).

query Browse {
  categories { id name children { id name } }
  products(first: 5, sort: NEWEST) {
    totalCount
    edges { node { id name price { amount currency } availability stock { available } rating { average count } } }
  }
}

query Search($search: String = "lamp", $minRating: Float = 4) {
  products(search: $search, filter: { minRating: $minRating }, first: 10) {
    totalCount
    facets {
      categories { category { name } count }
      prices { min max count }
      ratings { stars count }
    }
    edges { node { id name price { amount } rating { average histogram { stars count } } reviews(first: 2) { edges { node { title author { name } } } } } }
  }
}

mutation Login($email: String! = "customer@shopgraph.dev", $password: String! = "${DEMO_PASSWORD}") {
  login(email: $email, password: $password) { accessToken expiresIn user { id name } }
}

mutation AddAddress {
  addAddress(input: { recipient: "Casey Customer", line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" }) { id isDefault }
}

mutation AddToCart($productId: ID!, $quantity: Int! = 1) {
  addToCart(productId: $productId, quantity: $quantity) { itemCount subtotal { amount currency } }
}

query Cart {
  cart { readyForCheckout subtotal { amount currency } lines { productName quantity unitPrice { amount } problems } }
  me { addresses { id recipient line1 city isDefault } }
}

mutation Checkout($addressId: ID!, $cardNumber: String! = "4242 4242 4242 4242", $idempotencyKey: String!) {
  checkout(input: { addressId: $addressId, cardNumber: $cardNumber }, idempotencyKey: $idempotencyKey) {
    __typename
    ... on OrderPlaced { order { id status total { amount currency } } }
    ... on PaymentFailed { reason order { id status } }
    ... on CheckoutOutOfStock { products { name } }
    ... on PriceChanged { lines { product { name } previous { amount } current { amount } } }
  }
}

query MyOrders {
  orders(first: 5) { edges { node { id status createdAt total { amount currency } } } }
}

subscription OrderStatus($orderId: ID!, $after: String = "0-0") {
  orderStatusChanged(orderId: $orderId, after: $after) { cursor previousStatus status at order { id status } }
}
`;

/** Spread into ApolloServerPluginLandingPageLocalDefault's options. */
export const SANDBOX_EXAMPLES = {
  document: SANDBOX_EXAMPLE_DOCUMENT,
  variables: {
    productId: '<a product id from Browse>',
    addressId: '<an address id from AddAddress or Cart>',
    idempotencyKey: '<a new UUID>',
    orderId: '<an order id from Checkout or MyOrders>',
  },
};
