import { requireSignedIn } from '@shopgraph/server';
import { removeFromCart as remove } from '../../cart/edit-cart';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const removeFromCart: MutationResolvers['removeFromCart'] = (_, { productId }, { commerce, viewer }) =>
  remove(commerce, requireSignedIn(viewer), productId);
