import { parseId, requireSignedIn } from '@shopgraph/server';
import { addressNotFound } from '../../addresses/address-input';
import { lockOwnAddress, makeDefault } from '../../db/queries/addresses';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const setDefaultAddress: MutationResolvers['setDefaultAddress'] = async (_, { id }, { db, viewer }) => {
  const userId = requireSignedIn(viewer);
  const addressId = parseId(id);
  return db.transaction(async (tx) => {
    if (!(await lockOwnAddress(tx, userId, addressId))) throw addressNotFound();
    return makeDefault(tx, userId, addressId);
  });
};
