import { z } from '@shopgraph/config';

/**
 * Used when GATEWAY_SHARED_SECRET is unset outside production, so `npm start` works with no
 * setup. Being public, it protects nothing: production refuses to start without a real secret.
 */
export const DEVELOPMENT_GATEWAY_SECRET = 'shopgraph-development-only-gateway-secret-not-for-production';

export const gatewaySecretEnv = {
  GATEWAY_SHARED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * A second secret a subgraph accepts signatures by, never signs with: set during a rotation
   * (docs/deploy.md, Rotating the gateway shared secret), so old and new pods understand each other.
   */
  GATEWAY_SHARED_SECRET_ALSO_ACCEPTED: z.string().min(32, 'must be at least 32 characters').optional(),
};

/** The shared secret, or an error naming the variable when production has none. */
export function resolveGatewaySecret(env: { NODE_ENV: string; GATEWAY_SHARED_SECRET?: string | undefined }): string {
  if (env.GATEWAY_SHARED_SECRET) return env.GATEWAY_SHARED_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new Error('GATEWAY_SHARED_SECRET (unset): required when NODE_ENV=production; the gateway and every subgraph must share it');
  }
  return DEVELOPMENT_GATEWAY_SECRET;
}
