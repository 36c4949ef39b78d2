import { renderEmail, type RenderedEmail } from './layout';

/** The token is the whole secret: it is shown once, here, and stored only as a hash. */
export function passwordResetEmail(name: string, token: string, validMinutes: number): RenderedEmail {
  return renderEmail('Reset your Shopgraph password', [
    `Hello ${name},`,
    `Someone (hopefully you) asked to reset your password. Use this reset token within ${validMinutes} minutes:`,
    token,
    'If it was not you, ignore this email: your password stays as it is.',
  ]);
}
