import { requireSignedIn } from '@shopgraph/server';
import { priceCart } from '../../cart/price-cart';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const cart: QueryResolvers['cart'] = async (_, __, { commerce, viewer }) =>
  priceCart(commerce.peers, await commerce.carts.load(requireSignedIn(viewer)));
