import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

/**
 * An Apollo Server plugin whose request listener keeps nothing per request: every request gets
 * the same listener, handed over as one settled promise. An `async requestDidStart` made a
 * promise, a listener and a closure per hook for each request and plugin, even for plugins with
 * nothing to do on that request. Use it when the hooks read only their arguments.
 */
export function statelessPlugin<TContext extends BaseContext>(listener: GraphQLRequestListener<TContext>): ApolloServerPlugin<TContext> {
  const started = Promise.resolve(listener);
  return { requestDidStart: () => started };
}
