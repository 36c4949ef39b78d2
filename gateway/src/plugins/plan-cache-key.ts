import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { statelessPlugin } from '@shopgraph/server';
import type { DocumentNode } from 'graphql';
import type { GatewayContext } from '../context';
import { printedOf } from '../operation-memo';

type Writable = { -readonly [K in 'queryHash']: GraphQLRequestContextDidResolveOperation<GatewayContext>[K] };

/**
 * Keys @apollo/gateway's query-plan cache by the operation as parsed rather than as typed: Apollo
 * Server's queryHash is the SHA-256 of the raw text, so the same operation with another comment,
 * other whitespace or another field order of its JSON body would be planned again (planning is most
 * of a plan-cache miss). The printed document drops comments and spacing and nothing that changes a
 * plan; the gateway adds the operation name to the key itself.
 *
 * Apollo Server keeps one parsed document per text in its document cache, so the printed hash is
 * computed once per cached document and remembered beside it (a WeakMap, gone with the document).
 */
export function planCacheKeyPlugin(): ApolloServerPlugin<GatewayContext> {
  const normalised = new WeakMap<DocumentNode, string>();
  const hashOf = (document: DocumentNode) => {
    let hash = normalised.get(document);
    if (hash === undefined) {
      hash = createHash('sha256').update(printedOf(document)).digest('hex');
      normalised.set(document, hash);
    }
    return hash;
  };
  return statelessPlugin<GatewayContext>({
    async didResolveOperation(context) {
      (context as unknown as Writable).queryHash = hashOf(context.document);
    },
  });
}
