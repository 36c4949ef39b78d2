import { z } from 'zod';
import { passwordResetEmail, PermanentDeliveryError, type RenderedEmail } from '@shopgraph/notifications';
import { PASSWORD_RESET_TTL_MS } from '../auth/password-reset';

/** The payloads account code writes to the outbox under notifications.email, one per template. */
const accountEmailPayload = z.discriminatedUnion('template', [
  z.object({ template: z.literal('password-reset'), to: z.string(), name: z.string(), token: z.string() }),
]);

/** The email an outbox payload describes. Throws for a payload no template knows: retrying cannot help, so it is dead-lettered at once. */
export function renderAccountEmail(payload: unknown): RenderedEmail & { to: string; template: string } {
  const result = accountEmailPayload.safeParse(payload);
  if (!result.success) throw new PermanentDeliveryError(`no account email template for this payload: ${result.error.message}`);
  const parsed = result.data;
  return { to: parsed.to, template: parsed.template, ...passwordResetEmail(parsed.name, parsed.token, PASSWORD_RESET_TTL_MS / 60_000) };
}
