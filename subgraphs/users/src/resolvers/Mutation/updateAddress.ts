import { parseId, parseInput, requireSignedIn } from '@shopgraph/server';
import { addressInput, addressNotFound } from '../../addresses/address-input';
import { lockOwnAddress, makeDefault, updateAddressFields } from '../../db/queries/addresses';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const updateAddress: MutationResolvers['updateAddress'] = async (_, { id, input }, { db, viewer }) => {
  const userId = requireSignedIn(viewer);
  const addressId = parseId(id);
  const { isDefault, ...fields } = parseInput(addressInput, input);
  return db.transaction(async (tx) => {
    if (!(await lockOwnAddress(tx, userId, addressId))) throw addressNotFound();
    const address = await updateAddressFields(tx, addressId, fields);
    return isDefault ? makeDefault(tx, userId, addressId) : address;
  });
};
