import type { PeerClient } from '../peers/peer-client';

const MY_SMS_PHONE = '{ me { smsPhone } }';

/**
 * The phone number a customer opted in with, or null. Asked of users as the customer, so users'
 * own rules (only the user sees it) decide; the number is never copied into orders' tables early.
 */
export function smsPhoneLookup(peers: PeerClient): (userId: string) => Promise<string | null> {
  return async (userId) => {
    const data = await peers.request<{ me: { smsPhone: string | null } | null }>('users', { id: userId, roles: ['CUSTOMER'] }, MY_SMS_PHONE);
    return data.me?.smsPhone ?? null;
  };
}
