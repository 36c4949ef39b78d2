import { requireSignedIn } from '@shopgraph/server';
import { addToCart as add } from '../../cart/edit-cart';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const addToCart: MutationResolvers['addToCart'] = (_, { productId, quantity }, { commerce, viewer }) =>
  add(commerce, requireSignedIn(viewer), productId, quantity);
