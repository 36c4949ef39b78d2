import { requireSignedIn } from '@shopgraph/server';
import { setCartItemQuantity as set } from '../../cart/edit-cart';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const setCartItemQuantity: MutationResolvers['setCartItemQuantity'] = (_, { productId, quantity }, { commerce, viewer }) =>
  set(commerce, requireSignedIn(viewer), productId, quantity);
