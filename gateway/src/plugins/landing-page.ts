import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GatewayContext } from '../context';
import { SANDBOX_EXAMPLES } from '@shopgraph/operations';

/** Apollo Sandbox with our example operations for developers; in production no landing page at all (it would advertise the schema). */
export function landingPagePlugin(production: boolean): ApolloServerPlugin<GatewayContext> {
  return production
    ? ApolloServerPluginLandingPageDisabled()
    : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false, footer: false, ...SANDBOX_EXAMPLES });
}
