import type { Viewer } from '@shopgraph/auth';
import type { ShippingAddress } from '../db/schema';
import type { PeerClient } from './peer-client';

const ME = `{ me { email addresses { id recipient line1 line2 city region postalCode country } } }`;

export interface Shopper {
  email: string;
  addresses: (ShippingAddress & { id: string })[];
}

/** The shopper's email and address book, asked of users as the shopper: users' own rules say whose they are. */
export async function fetchShopper(peers: PeerClient, viewer: Viewer): Promise<Shopper> {
  const data = await peers.request<{ me: Shopper }>('users', viewer, ME);
  return data.me;
}
