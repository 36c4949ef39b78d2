/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ShopCategories {\n    categories { id slug name parent { id } }\n  }\n": typeof types.ShopCategoriesDocument,
    "\n  query ShopSearch($search: String, $filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      facets {\n        categories { category { id name } count }\n        prices { min max count }\n        ratings { stars count }\n      }\n      edges { node { id slug name price { amount currency } availability rating { average count } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ShopSearchDocument,
    "\n  query ShopProduct($slug: String!) {\n    product(slug: $slug) {\n      id slug name description\n      price { amount currency }\n      availability\n      stock { available }\n      category { id path { id name } }\n      rating { average count histogram { stars count } }\n      reviews(first: 10) { edges { node { id rating title body createdAt verifiedPurchase author { name } } } }\n    }\n  }\n": typeof types.ShopProductDocument,
    "\n  fragment ShopAuth on AuthPayload { accessToken refreshToken expiresIn user { id name } }\n": typeof types.ShopAuthFragmentDoc,
    "\n  mutation ShopLogin($email: String!, $password: String!) { login(email: $email, password: $password) { ...ShopAuth } }\n": typeof types.ShopLoginDocument,
    "\n  mutation ShopRegister($input: RegisterInput!) { register(input: $input) { ...ShopAuth } }\n": typeof types.ShopRegisterDocument,
    "\n  mutation ShopRefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ...ShopAuth } }\n": typeof types.ShopRefreshTokenDocument,
    "\n  mutation ShopLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.ShopLogoutDocument,
    "\n  query ShopMe {\n    me { id name email addresses { id recipient line1 line2 city region postalCode country isDefault } }\n  }\n": typeof types.ShopMeDocument,
    "\n  mutation ShopAddAddress($input: AddressInput!) { addAddress(input: $input) { id recipient line1 city postalCode country isDefault } }\n": typeof types.ShopAddAddressDocument,
    "\n  fragment ShopCartFields on Cart {\n    itemCount readyForCheckout\n    subtotal { amount currency }\n    lines { product { id slug } productName quantity availableQuantity problems unitPrice { amount currency } lineTotal { amount currency } }\n  }\n": typeof types.ShopCartFieldsFragmentDoc,
    "\n  query ShopCart { cart { ...ShopCartFields } }\n": typeof types.ShopCartDocument,
    "\n  mutation ShopAddToCart($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n": typeof types.ShopAddToCartDocument,
    "\n  mutation ShopSetCartQuantity($productId: ID!, $quantity: Int!) { setCartItemQuantity(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n": typeof types.ShopSetCartQuantityDocument,
    "\n  mutation ShopRemoveFromCart($productId: ID!) { removeFromCart(productId: $productId) { ...ShopCartFields } }\n": typeof types.ShopRemoveFromCartDocument,
    "\n  mutation ShopCheckout($input: CheckoutInput!, $idempotencyKey: String!) {\n    checkout(input: $input, idempotencyKey: $idempotencyKey) {\n      __typename\n      ... on OrderPlaced { order { id status } }\n      ... on PaymentFailed { reason order { id status } }\n      ... on CheckoutOutOfStock { products { id name } }\n      ... on PriceChanged { lines { product { id name } previous { amount currency } current { amount currency } } }\n    }\n  }\n": typeof types.ShopCheckoutDocument,
    "\n  query ShopOrders($first: Int!, $after: String) {\n    orders(first: $first, after: $after) {\n      edges { node { id status createdAt total { amount currency } items { productName quantity } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ShopOrdersDocument,
    "\n  query ShopOrder($id: ID!) {\n    order(id: $id) {\n      id status createdAt\n      total { amount currency }\n      shippingAddress { recipient line1 line2 city region postalCode country }\n      shipment { carrier trackingNumber }\n      items { product { id slug } productName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      payments { operation outcome cardLast4 amount { amount currency } }\n    }\n  }\n": typeof types.ShopOrderDocument,
    "\n  subscription ShopOrderStatus($orderId: ID!, $after: String) {\n    orderStatusChanged(orderId: $orderId, after: $after) { cursor previousStatus status at order { id status shipment { carrier trackingNumber } } }\n  }\n": typeof types.ShopOrderStatusDocument,
};
const documents: Documents = {
    "\n  query ShopCategories {\n    categories { id slug name parent { id } }\n  }\n": types.ShopCategoriesDocument,
    "\n  query ShopSearch($search: String, $filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      facets {\n        categories { category { id name } count }\n        prices { min max count }\n        ratings { stars count }\n      }\n      edges { node { id slug name price { amount currency } availability rating { average count } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ShopSearchDocument,
    "\n  query ShopProduct($slug: String!) {\n    product(slug: $slug) {\n      id slug name description\n      price { amount currency }\n      availability\n      stock { available }\n      category { id path { id name } }\n      rating { average count histogram { stars count } }\n      reviews(first: 10) { edges { node { id rating title body createdAt verifiedPurchase author { name } } } }\n    }\n  }\n": types.ShopProductDocument,
    "\n  fragment ShopAuth on AuthPayload { accessToken refreshToken expiresIn user { id name } }\n": types.ShopAuthFragmentDoc,
    "\n  mutation ShopLogin($email: String!, $password: String!) { login(email: $email, password: $password) { ...ShopAuth } }\n": types.ShopLoginDocument,
    "\n  mutation ShopRegister($input: RegisterInput!) { register(input: $input) { ...ShopAuth } }\n": types.ShopRegisterDocument,
    "\n  mutation ShopRefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ...ShopAuth } }\n": types.ShopRefreshTokenDocument,
    "\n  mutation ShopLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.ShopLogoutDocument,
    "\n  query ShopMe {\n    me { id name email addresses { id recipient line1 line2 city region postalCode country isDefault } }\n  }\n": types.ShopMeDocument,
    "\n  mutation ShopAddAddress($input: AddressInput!) { addAddress(input: $input) { id recipient line1 city postalCode country isDefault } }\n": types.ShopAddAddressDocument,
    "\n  fragment ShopCartFields on Cart {\n    itemCount readyForCheckout\n    subtotal { amount currency }\n    lines { product { id slug } productName quantity availableQuantity problems unitPrice { amount currency } lineTotal { amount currency } }\n  }\n": types.ShopCartFieldsFragmentDoc,
    "\n  query ShopCart { cart { ...ShopCartFields } }\n": types.ShopCartDocument,
    "\n  mutation ShopAddToCart($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n": types.ShopAddToCartDocument,
    "\n  mutation ShopSetCartQuantity($productId: ID!, $quantity: Int!) { setCartItemQuantity(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n": types.ShopSetCartQuantityDocument,
    "\n  mutation ShopRemoveFromCart($productId: ID!) { removeFromCart(productId: $productId) { ...ShopCartFields } }\n": types.ShopRemoveFromCartDocument,
    "\n  mutation ShopCheckout($input: CheckoutInput!, $idempotencyKey: String!) {\n    checkout(input: $input, idempotencyKey: $idempotencyKey) {\n      __typename\n      ... on OrderPlaced { order { id status } }\n      ... on PaymentFailed { reason order { id status } }\n      ... on CheckoutOutOfStock { products { id name } }\n      ... on PriceChanged { lines { product { id name } previous { amount currency } current { amount currency } } }\n    }\n  }\n": types.ShopCheckoutDocument,
    "\n  query ShopOrders($first: Int!, $after: String) {\n    orders(first: $first, after: $after) {\n      edges { node { id status createdAt total { amount currency } items { productName quantity } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ShopOrdersDocument,
    "\n  query ShopOrder($id: ID!) {\n    order(id: $id) {\n      id status createdAt\n      total { amount currency }\n      shippingAddress { recipient line1 line2 city region postalCode country }\n      shipment { carrier trackingNumber }\n      items { product { id slug } productName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      payments { operation outcome cardLast4 amount { amount currency } }\n    }\n  }\n": types.ShopOrderDocument,
    "\n  subscription ShopOrderStatus($orderId: ID!, $after: String) {\n    orderStatusChanged(orderId: $orderId, after: $after) { cursor previousStatus status at order { id status shipment { carrier trackingNumber } } }\n  }\n": types.ShopOrderStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopCategories {\n    categories { id slug name parent { id } }\n  }\n"): (typeof documents)["\n  query ShopCategories {\n    categories { id slug name parent { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopSearch($search: String, $filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      facets {\n        categories { category { id name } count }\n        prices { min max count }\n        ratings { stars count }\n      }\n      edges { node { id slug name price { amount currency } availability rating { average count } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ShopSearch($search: String, $filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      facets {\n        categories { category { id name } count }\n        prices { min max count }\n        ratings { stars count }\n      }\n      edges { node { id slug name price { amount currency } availability rating { average count } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopProduct($slug: String!) {\n    product(slug: $slug) {\n      id slug name description\n      price { amount currency }\n      availability\n      stock { available }\n      category { id path { id name } }\n      rating { average count histogram { stars count } }\n      reviews(first: 10) { edges { node { id rating title body createdAt verifiedPurchase author { name } } } }\n    }\n  }\n"): (typeof documents)["\n  query ShopProduct($slug: String!) {\n    product(slug: $slug) {\n      id slug name description\n      price { amount currency }\n      availability\n      stock { available }\n      category { id path { id name } }\n      rating { average count histogram { stars count } }\n      reviews(first: 10) { edges { node { id rating title body createdAt verifiedPurchase author { name } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ShopAuth on AuthPayload { accessToken refreshToken expiresIn user { id name } }\n"): (typeof documents)["\n  fragment ShopAuth on AuthPayload { accessToken refreshToken expiresIn user { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopLogin($email: String!, $password: String!) { login(email: $email, password: $password) { ...ShopAuth } }\n"): (typeof documents)["\n  mutation ShopLogin($email: String!, $password: String!) { login(email: $email, password: $password) { ...ShopAuth } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopRegister($input: RegisterInput!) { register(input: $input) { ...ShopAuth } }\n"): (typeof documents)["\n  mutation ShopRegister($input: RegisterInput!) { register(input: $input) { ...ShopAuth } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopRefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ...ShopAuth } }\n"): (typeof documents)["\n  mutation ShopRefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ...ShopAuth } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): (typeof documents)["\n  mutation ShopLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopMe {\n    me { id name email addresses { id recipient line1 line2 city region postalCode country isDefault } }\n  }\n"): (typeof documents)["\n  query ShopMe {\n    me { id name email addresses { id recipient line1 line2 city region postalCode country isDefault } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopAddAddress($input: AddressInput!) { addAddress(input: $input) { id recipient line1 city postalCode country isDefault } }\n"): (typeof documents)["\n  mutation ShopAddAddress($input: AddressInput!) { addAddress(input: $input) { id recipient line1 city postalCode country isDefault } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ShopCartFields on Cart {\n    itemCount readyForCheckout\n    subtotal { amount currency }\n    lines { product { id slug } productName quantity availableQuantity problems unitPrice { amount currency } lineTotal { amount currency } }\n  }\n"): (typeof documents)["\n  fragment ShopCartFields on Cart {\n    itemCount readyForCheckout\n    subtotal { amount currency }\n    lines { product { id slug } productName quantity availableQuantity problems unitPrice { amount currency } lineTotal { amount currency } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopCart { cart { ...ShopCartFields } }\n"): (typeof documents)["\n  query ShopCart { cart { ...ShopCartFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopAddToCart($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n"): (typeof documents)["\n  mutation ShopAddToCart($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopSetCartQuantity($productId: ID!, $quantity: Int!) { setCartItemQuantity(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n"): (typeof documents)["\n  mutation ShopSetCartQuantity($productId: ID!, $quantity: Int!) { setCartItemQuantity(productId: $productId, quantity: $quantity) { ...ShopCartFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopRemoveFromCart($productId: ID!) { removeFromCart(productId: $productId) { ...ShopCartFields } }\n"): (typeof documents)["\n  mutation ShopRemoveFromCart($productId: ID!) { removeFromCart(productId: $productId) { ...ShopCartFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShopCheckout($input: CheckoutInput!, $idempotencyKey: String!) {\n    checkout(input: $input, idempotencyKey: $idempotencyKey) {\n      __typename\n      ... on OrderPlaced { order { id status } }\n      ... on PaymentFailed { reason order { id status } }\n      ... on CheckoutOutOfStock { products { id name } }\n      ... on PriceChanged { lines { product { id name } previous { amount currency } current { amount currency } } }\n    }\n  }\n"): (typeof documents)["\n  mutation ShopCheckout($input: CheckoutInput!, $idempotencyKey: String!) {\n    checkout(input: $input, idempotencyKey: $idempotencyKey) {\n      __typename\n      ... on OrderPlaced { order { id status } }\n      ... on PaymentFailed { reason order { id status } }\n      ... on CheckoutOutOfStock { products { id name } }\n      ... on PriceChanged { lines { product { id name } previous { amount currency } current { amount currency } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopOrders($first: Int!, $after: String) {\n    orders(first: $first, after: $after) {\n      edges { node { id status createdAt total { amount currency } items { productName quantity } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ShopOrders($first: Int!, $after: String) {\n    orders(first: $first, after: $after) {\n      edges { node { id status createdAt total { amount currency } items { productName quantity } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShopOrder($id: ID!) {\n    order(id: $id) {\n      id status createdAt\n      total { amount currency }\n      shippingAddress { recipient line1 line2 city region postalCode country }\n      shipment { carrier trackingNumber }\n      items { product { id slug } productName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      payments { operation outcome cardLast4 amount { amount currency } }\n    }\n  }\n"): (typeof documents)["\n  query ShopOrder($id: ID!) {\n    order(id: $id) {\n      id status createdAt\n      total { amount currency }\n      shippingAddress { recipient line1 line2 city region postalCode country }\n      shipment { carrier trackingNumber }\n      items { product { id slug } productName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      payments { operation outcome cardLast4 amount { amount currency } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShopOrderStatus($orderId: ID!, $after: String) {\n    orderStatusChanged(orderId: $orderId, after: $after) { cursor previousStatus status at order { id status shipment { carrier trackingNumber } } }\n  }\n"): (typeof documents)["\n  subscription ShopOrderStatus($orderId: ID!, $after: String) {\n    orderStatusChanged(orderId: $orderId, after: $after) { cursor previousStatus status at order { id status shipment { carrier trackingNumber } } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;