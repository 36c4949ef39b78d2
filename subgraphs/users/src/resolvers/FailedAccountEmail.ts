import type { FailedAccountEmailResolvers } from '../__generated__/resolvers-types';

// The outbox payload says where and which template; the token inside it is never exposed.
const payloadText = (payload: Record<string, unknown>, key: string) => (typeof payload[key] === 'string' ? payload[key] : '');

export const FailedAccountEmail: FailedAccountEmailResolvers = {
  to: (event) => payloadText(event.payload, 'to'),
  template: (event) => payloadText(event.payload, 'template'),
  deadLetteredAt: (event) => event.deadAt ?? event.createdAt,
};
