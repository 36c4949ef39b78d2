import { parseId, requireSignedIn } from '@shopgraph/server';
import { addressNotFound } from '../../addresses/address-input';
import { deleteAddressRow, findNewestAddress, lockOwnAddress, makeDefault } from '../../db/queries/addresses';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const deleteAddress: MutationResolvers['deleteAddress'] = async (_, { id }, { db, viewer }) => {
  const userId = requireSignedIn(viewer);
  const addressId = parseId(id);
  await db.transaction(async (tx) => {
    const address = await lockOwnAddress(tx, userId, addressId);
    if (!address) throw addressNotFound();
    await deleteAddressRow(tx, addressId);
    const successor = address.isDefault ? await findNewestAddress(tx, userId) : null;
    if (successor) await makeDefault(tx, userId, successor.id);
  });
  return true;
};
