import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';

/**
 * Trusted documents: only operations whose SHA-256 is in the manifest run, whether the client
 * sends the id (as an APQ hash) or the exact text. Checked before planning, so nothing else does.
 */
export function trustedDocumentsPlugin(bodies: ReadonlyMap<string, string>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      // Read before any plugin changes it (the authorization plugin re-hashes redacted operations).
      let hash = '';
      return {
        async didResolveSource({ queryHash }) {
          hash = queryHash;
        },
        async didResolveOperation() {
          if (bodies.has(hash)) return;
          throw new GraphQLError('Only the operations of our clients may run here: this one is not in the trusted documents manifest', {
            extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
