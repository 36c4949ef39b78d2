import { z } from 'zod';
import { passwordResetEmail, type RenderedEmail } from '@shopgraph/notifications';
import { PASSWORD_RESET_TTL_MS } from '../auth/password-reset';

/** The payloads account code writes to the outbox under notifications.email, one per template. */
const accountEmailPayload = z.discriminatedUnion('template', [
  z.object({ template: z.literal('password-reset'), to: z.string(), name: z.string(), token: z.string() }),
]);

/** The email an outbox payload describes. Throws for a payload no template knows: retrying cannot help, so it ends dead-lettered. */
export function renderAccountEmail(payload: unknown): RenderedEmail & { to: string; template: string } {
  const parsed = accountEmailPayload.parse(payload);
  return { to: parsed.to, template: parsed.template, ...passwordResetEmail(parsed.name, parsed.token, PASSWORD_RESET_TTL_MS / 60_000) };
}
