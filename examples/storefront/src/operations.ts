// Every operation the storefront sends. `npm run codegen` types them (client preset, committed
// under __generated__/) and adds them to the trusted-documents manifest.
import { graphql } from './__generated__';

export const CategoriesQuery = graphql(`
  query ShopCategories {
    categories {
      id
      slug
      name
      parent {
        id
      }
    }
  }
`);

export const SearchQuery = graphql(`
  query ShopSearch($search: String, $filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {
    products(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      facets {
        categories {
          category {
            id
            name
          }
          count
        }
        prices {
          min
          max
          count
        }
        ratings {
          stars
          count
        }
      }
      edges {
        node {
          id
          slug
          name
          price {
            amount
            currency
          }
          availability
          rating {
            average
            count
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ProductQuery = graphql(`
  query ShopProduct($slug: String!) {
    product(slug: $slug) {
      id
      slug
      name
      description
      price {
        amount
        currency
      }
      availability
      stock {
        available
        lowStockThreshold
      }
      category {
        id
        path {
          id
          name
        }
      }
      rating {
        average
        count
        histogram {
          stars
          count
        }
      }
      reviews(first: 10) {
        edges {
          node {
            id
            rating
            title
            body
            createdAt
            verifiedPurchase
            author {
              name
            }
          }
        }
      }
    }
  }
`);

const AUTH_FIELDS = graphql(`
  fragment ShopAuth on AuthPayload {
    accessToken
    refreshToken
    expiresIn
    user {
      id
      name
      role
    }
  }
`);
void AUTH_FIELDS;

export const LoginMutation = graphql(`
  mutation ShopLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...ShopAuth
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation ShopRegister($input: RegisterInput!) {
    register(input: $input) {
      ...ShopAuth
    }
  }
`);

export const RefreshMutation = graphql(`
  mutation ShopRefreshToken($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...ShopAuth
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation ShopLogout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const MeQuery = graphql(`
  query ShopMe {
    me {
      id
      name
      email
      addresses {
        id
        recipient
        line1
        line2
        city
        region
        postalCode
        country
        isDefault
      }
    }
  }
`);

export const AddAddressMutation = graphql(`
  mutation ShopAddAddress($input: AddressInput!) {
    addAddress(input: $input) {
      id
      recipient
      line1
      city
      postalCode
      country
      isDefault
    }
  }
`);

const CART_FIELDS = graphql(`
  fragment ShopCartFields on Cart {
    itemCount
    readyForCheckout
    subtotal {
      amount
      currency
    }
    lines {
      product {
        id
        slug
      }
      productName
      quantity
      availableQuantity
      problems
      unitPrice {
        amount
        currency
      }
      lineTotal {
        amount
        currency
      }
    }
  }
`);
void CART_FIELDS;

export const CartQuery = graphql(`
  query ShopCart {
    cart {
      ...ShopCartFields
    }
  }
`);

export const AddToCartMutation = graphql(`
  mutation ShopAddToCart($productId: ID!, $quantity: Int!) {
    addToCart(productId: $productId, quantity: $quantity) {
      ...ShopCartFields
    }
  }
`);

export const SetQuantityMutation = graphql(`
  mutation ShopSetCartQuantity($productId: ID!, $quantity: Int!) {
    setCartItemQuantity(productId: $productId, quantity: $quantity) {
      ...ShopCartFields
    }
  }
`);

export const RemoveFromCartMutation = graphql(`
  mutation ShopRemoveFromCart($productId: ID!) {
    removeFromCart(productId: $productId) {
      ...ShopCartFields
    }
  }
`);

export const CheckoutMutation = graphql(`
  mutation ShopCheckout($input: CheckoutInput!, $idempotencyKey: String!) {
    checkout(input: $input, idempotencyKey: $idempotencyKey) {
      __typename
      ... on OrderPlaced {
        order {
          id
          status
        }
      }
      ... on PaymentFailed {
        reason
        order {
          id
          status
        }
      }
      ... on CheckoutOutOfStock {
        products {
          id
          name
        }
      }
      ... on PriceChanged {
        lines {
          product {
            id
            name
          }
          previous {
            amount
            currency
          }
          current {
            amount
            currency
          }
        }
      }
    }
  }
`);

export const OrdersQuery = graphql(`
  query ShopOrders($first: Int!, $after: String) {
    orders(first: $first, after: $after) {
      edges {
        node {
          id
          status
          createdAt
          total {
            amount
            currency
          }
          items {
            productName
            quantity
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OrderQuery = graphql(`
  query ShopOrder($id: ID!) {
    order(id: $id) {
      id
      status
      createdAt
      total {
        amount
        currency
      }
      shippingAddress {
        recipient
        line1
        line2
        city
        region
        postalCode
        country
      }
      shipment {
        carrier
        trackingNumber
      }
      items {
        product {
          id
          slug
        }
        productName
        quantity
        unitPrice {
          amount
          currency
        }
        lineTotal {
          amount
          currency
        }
      }
      payments {
        operation
        outcome
        cardLast4
        amount {
          amount
          currency
        }
      }
    }
  }
`);

export const OrderStatusSubscription = graphql(`
  subscription ShopOrderStatus($orderId: ID!, $after: String) {
    orderStatusChanged(orderId: $orderId, after: $after) {
      cursor
      previousStatus
      status
      at
      order {
        id
        status
        shipment {
          carrier
          trackingNumber
        }
      }
    }
  }
`);

export const StockChangedSubscription = graphql(`
  subscription ShopStockChanged($productId: ID!) {
    stockChanged(productId: $productId) {
      cursor
      available
    }
  }
`);
