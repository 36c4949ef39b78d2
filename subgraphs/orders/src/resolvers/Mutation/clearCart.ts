import { requireSignedIn } from '@shopgraph/server';
import { priceCart } from '../../cart/price-cart';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const clearCart: MutationResolvers['clearCart'] = async (_, __, { commerce, viewer }) =>
  priceCart(commerce.peers, await commerce.carts.clear(requireSignedIn(viewer)));
