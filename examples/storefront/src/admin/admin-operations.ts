// The back office's operations (admins only: the gateway refuses them to anyone else). Typed by
// `npm run codegen` with the storefront's, and in the trusted-documents manifest with them.
import { graphql } from '../__generated__';

export const AdminOrdersQuery = graphql(`
  query AdminOrders($first: Int!, $after: String, $status: [OrderStatus!]) {
    orders(first: $first, after: $after, status: $status) {
      edges {
        node {
          id
          status
          createdAt
          total {
            amount
            currency
          }
          paid {
            amount
            currency
          }
          refunded {
            amount
            currency
          }
          user {
            id
            name
            email
          }
          items {
            productName
            quantity
          }
          shipment {
            carrier
            trackingNumber
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

export const AdminShipOrderMutation = graphql(`
  mutation AdminShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {
    markShipped(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {
      id
      status
      shipment {
        carrier
        trackingNumber
      }
    }
  }
`);

export const AdminDeliverOrderMutation = graphql(`
  mutation AdminDeliverOrder($orderId: ID!) {
    markDelivered(orderId: $orderId) {
      id
      status
    }
  }
`);

export const AdminRefundOrderMutation = graphql(`
  mutation AdminRefundOrder($orderId: ID!, $amount: Int, $reason: String!) {
    refundOrder(orderId: $orderId, amount: $amount, reason: $reason) {
      id
      status
      refunded {
        amount
        currency
      }
    }
  }
`);

export const AdminModerationQueueQuery = graphql(`
  query AdminModerationQueue($status: ReviewStatus!, $first: Int!, $after: String) {
    reviewsForModeration(status: $status, first: $first, after: $after) {
      edges {
        node {
          id
          rating
          title
          body
          status
          createdAt
          verifiedPurchase
          author {
            id
            name
          }
          product {
            id
            slug
            name
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

export const AdminModerateReviewMutation = graphql(`
  mutation AdminModerateReview($id: ID!, $status: ModerationDecision!) {
    moderateReview(id: $id, status: $status) {
      id
      status
    }
  }
`);

// What the products table shows of a product's stock, after a load or an adjustment alike.
const ADMIN_STOCK = graphql(`
  fragment AdminStock on Stock {
    onHand
    reserved
    available
    lowStockThreshold
  }
`);
void ADMIN_STOCK;

export const AdminProductsQuery = graphql(`
  query AdminProducts($search: String, $first: Int!, $archived: Boolean) {
    products(search: $search, first: $first, sort: NEWEST, filter: { archived: $archived }) {
      edges {
        node {
          id
          sku
          slug
          name
          archivedAt
          price {
            amount
            currency
          }
          stock {
            ...AdminStock
          }
        }
      }
    }
  }
`);

// Everything the product form edits, after a load or a save alike (so the list's row follows a save,
// of the form or of the row's quick price).
const ADMIN_PRODUCT_DETAILS = graphql(`
  fragment AdminProductDetails on Product {
    id
    sku
    slug
    name
    description
    price {
      amount
      currency
    }
    images
    attributes {
      name
      value
    }
    category {
      id
    }
    archivedAt
  }
`);
void ADMIN_PRODUCT_DETAILS;

export const AdminProductQuery = graphql(`
  query AdminProduct($id: ID!) {
    product(id: $id) {
      ...AdminProductDetails
    }
  }
`);

export const AdminEditProductMutation = graphql(`
  mutation AdminEditProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      ...AdminProductDetails
    }
  }
`);

export const AdminRestoreProductMutation = graphql(`
  mutation AdminRestoreProduct($id: ID!) {
    restoreProduct(id: $id) {
      id
      archivedAt
    }
  }
`);

// The category tree to pick from, three levels deep (the demo shop has two; a fourth level costs
// more than the gateway's MAX_COST allows, since every level multiplies the estimate).
/**
 * The category tree to CATEGORY_TREE_DEPTH (category-options.ts) levels: what the category pickers
 * and the Categories screen list. A fourth level would pass the gateway's response-size budget
 * (each list is assumed ten long: 10,000 categories).
 */
export const AdminCategoryTreeQuery = graphql(`
  query AdminCategoryTree {
    categories {
      id
      slug
      name
      children {
        id
        slug
        name
        children {
          id
          slug
          name
        }
      }
    }
  }
`);

export const AdminAdjustStockMutation = graphql(`
  mutation AdminAdjustStock($productId: ID!, $delta: Int!, $reason: String!) {
    adjustStock(productId: $productId, delta: $delta, reason: $reason) {
      delta
      product {
        id
        stock {
          ...AdminStock
        }
      }
    }
  }
`);

export const AdminArchiveProductMutation = graphql(`
  mutation AdminArchiveProduct($id: ID!) {
    archiveProduct(id: $id) {
      id
      archivedAt
    }
  }
`);

export const AdminDashboardQuery = graphql(`
  query AdminDashboard($from: DateTime!, $to: DateTime!, $timeZone: String!) {
    salesByPeriod(period: DAY, timeZone: $timeZone, from: $from, to: $to) {
      label
      orders
      paidOrders
      grossRevenue {
        amount
        currency
      }
      netRevenue {
        amount
        currency
      }
      averageOrderValue {
        amount
        currency
      }
    }
    paymentRates(from: $from, to: $to) {
      paymentAttempts
      paymentFailures
      paymentFailureRate
      paidOrders
      refundedOrders
      refundRate
      paidRevenue {
        amount
        currency
      }
      refundedRevenue {
        amount
        currency
      }
      refundedRevenueRate
    }
    topProducts(from: $from, to: $to, first: 5) {
      product {
        id
        name
      }
      revenue {
        amount
        currency
      }
      units
    }
    reviewTrend(period: WEEK, timeZone: $timeZone, from: $from, to: $to) {
      label
      newReviews
      averageRating
    }
  }
`);

export const AdminCreateCategoryMutation = graphql(`
  mutation AdminCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      slug
      name
    }
  }
`);

export const AdminCreateProductMutation = graphql(`
  mutation AdminCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      slug
      name
    }
  }
`);

export const AdminUsersQuery = graphql(`
  query AdminUsers($search: String, $first: Int!) {
    users(search: $search, first: $first) {
      id
      name
      email
      role
      createdAt
    }
  }
`);

export const AdminSetUserRoleMutation = graphql(`
  mutation AdminSetUserRole($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      id
      role
    }
  }
`);
