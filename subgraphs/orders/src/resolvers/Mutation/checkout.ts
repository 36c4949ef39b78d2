import { checkout as buy } from '../../checkout/checkout';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const checkout: MutationResolvers['checkout'] = (_, { input, idempotencyKey }, { commerce, viewer }) => buy(commerce, viewer, input, idempotencyKey);
