import { DEMO_PASSWORD } from '@shopgraph/demo-data';
import { graphqlRequest } from './graphql-request';

/** Logs a demo account in through the gateway; returns its access token and the headers that carry it. */
export async function signIn(gatewayUrl: string, email: string, password = DEMO_PASSWORD): Promise<{ token: string; headers: Record<string, string> }> {
  const response = await graphqlRequest(gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: email,
    p: password,
  });
  const token = response.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`could not sign in as ${email}: ${JSON.stringify(response.errors)}`);
  return { token, headers: { authorization: `Bearer ${token}` } };
}
