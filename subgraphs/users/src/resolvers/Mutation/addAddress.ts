import { parseInput, requireSignedIn } from '@shopgraph/server';
import { addressInput } from '../../addresses/address-input';
import { countAddresses, insertAddress, makeDefault } from '../../db/queries/addresses';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const addAddress: MutationResolvers['addAddress'] = async (_, { input }, { db, viewer }) => {
  const userId = requireSignedIn(viewer);
  const { isDefault, ...fields } = parseInput(addressInput, input);
  return db.transaction(async (tx) => {
    // A first address is the default, so a user with addresses always has one.
    const first = (await countAddresses(tx, userId)) === 0;
    const address = await insertAddress(tx, userId, fields, false);
    return first || isDefault ? makeDefault(tx, userId, address.id) : address;
  });
};
