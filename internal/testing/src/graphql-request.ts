import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { signSubgraphRequest, type Viewer } from '@shopgraph/auth';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

/** POSTs one operation as a client would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read untyped responses field by field; typed callers pass TData or a TypedDocumentNode
export async function graphqlRequest<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  return postJson<TData>(url, JSON.stringify({ query, variables }), headers);
}

/** Straight to a subgraph, signed with the gateway's secret as the gateway would sign it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read untyped responses field by field; typed callers pass TData or a TypedDocumentNode
export async function signedGraphqlRequest<TData = Record<string, any>>(
  url: string,
  secret: string,
  viewer: Viewer,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<TData>> {
  const body = JSON.stringify({ query, variables });
  return postJson<TData>(url, body, signSubgraphRequest(secret, viewer, body));
}

async function postJson<TData>(url: string, body: string, headers: Record<string, string>): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let parsed: { data?: TData | null; errors?: GraphQLResponse['errors'] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
  }
  return { status: response.status, data: parsed.data, errors: parsed.errors, headers: response.headers };
}

/** Runs a codegen-typed operation; the result's data has the operation's generated type. */
export async function execute<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  return graphqlRequest<TData>(url, print(document), variables, headers);
}
