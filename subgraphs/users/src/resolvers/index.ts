import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { addAddress } from './Mutation/addAddress';
import { changePassword } from './Mutation/changePassword';
import { deleteAddress } from './Mutation/deleteAddress';
import { setDefaultAddress } from './Mutation/setDefaultAddress';
import { setSmsPhone } from './Mutation/setSmsPhone';
import { updateAddress } from './Mutation/updateAddress';
import { login } from './Mutation/login';
import { logout } from './Mutation/logout';
import { refreshToken } from './Mutation/refreshToken';
import { register } from './Mutation/register';
import { requestPasswordReset } from './Mutation/requestPasswordReset';
import { resetPassword } from './Mutation/resetPassword';
import { rotateSigningKey } from './Mutation/rotateSigningKey';
import { setUserRole } from './Mutation/setUserRole';
import { updateProfile } from './Mutation/updateProfile';
import { FailedAccountEmail } from './FailedAccountEmail';
import { failedAccountEmails } from './Query/failedAccountEmails';
import { me } from './Query/me';
import { user } from './Query/user';
import { users } from './Query/users';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { user, me, users, failedAccountEmails },
  Mutation: {
    register,
    login,
    refreshToken,
    logout,
    updateProfile,
    setSmsPhone,
    changePassword,
    setUserRole,
    rotateSigningKey,
    addAddress,
    updateAddress,
    deleteAddress,
    setDefaultAddress,
    requestPasswordReset,
    resetPassword,
  },
  User,
  FailedAccountEmail,
};
