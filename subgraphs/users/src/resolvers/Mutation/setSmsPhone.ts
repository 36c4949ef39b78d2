import { z } from 'zod';
import { E164_PATTERN } from '@shopgraph/notifications';
import { notFound, parseInput, requireSignedIn } from '@shopgraph/server';
import { updateUser } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

// Spaces, dashes and brackets people type are dropped; what is left must be E.164.
const phoneInput = z.object({
  phone: z
    .string()
    .max(32, 'is too long')
    .transform((phone) => phone.replace(/[\s()-]/g, ''))
    .pipe(z.string().regex(E164_PATTERN, 'must be an E.164 number such as +4915112345678'))
    .nullable(),
});

export const setSmsPhone: MutationResolvers['setSmsPhone'] = async (_, args, { db, viewer }) => {
  const id = requireSignedIn(viewer);
  const { phone } = parseInput(phoneInput, { phone: args.phone ?? null });
  const user = await updateUser(db, id, { smsPhone: phone });
  if (!user) throw notFound('Your account no longer exists');
  return user;
};
