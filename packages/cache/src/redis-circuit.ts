import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { ReplyError } from 'ioredis';
import { COMMAND_TIMEOUT_MS } from './redis-connection';
import { settledWithin } from './settled-within';

/**
 * Thrown instead of whatever ioredis threw when Redis cannot be reached (refused, timed out, or
 * skipped because the circuit is open), so callers can say "unavailable" rather than mask it.
 */
export class RedisUnavailableError extends Error {
  constructor(
    message: string,
    /** When asking again may succeed: the circuit's next probe. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

export function isRedisUnavailable(error: unknown): error is RedisUnavailableError {
  return error instanceof RedisUnavailableError;
}

export interface RedisCircuitOptions {
  /** Consecutive failed calls (errors or timeouts) that open the circuit. */
  failuresToOpen?: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  probeAfterMs?: number;
}

export const DEFAULT_REDIS_CIRCUIT: Required<RedisCircuitOptions> = { failuresToOpen: 3, probeAfterMs: 1_000 };

export type RedisCircuitState = 'closed' | 'open' | 'half-open';

/** A reply is Redis answering (WRONGTYPE and the like): only a missing answer counts against it. */
const isOutage = (error: unknown) => !(error instanceof ReplyError);

/**
 * Every Redis call of one process's shared state goes through this. After `failuresToOpen`
 * consecutive failures it opens: calls fail at once, without waiting for Redis's timeouts, so a
 * known-down Redis costs reads nothing. After `probeAfterMs` one call probes it (the others wait
 * for that probe); success closes the circuit, failure opens it again. Nobody has to reset it.
 * Built on cockatiel's breaker (consecutive failures, half-open probe) rather than our own.
 */
export class RedisCircuit {
  private readonly policy: CircuitBreakerPolicy;
  private readonly retryAfterSeconds: number;
  /** Calls refused without asking Redis because the circuit was open, since the process started. */
  skipped = 0;
  /** Times the circuit opened. */
  opened = 0;

  constructor(options: RedisCircuitOptions = {}) {
    const { failuresToOpen, probeAfterMs } = { ...DEFAULT_REDIS_CIRCUIT, ...options };
    this.retryAfterSeconds = Math.max(1, Math.ceil(probeAfterMs / 1000));
    this.policy = circuitBreaker(handleWhen(isOutage), { halfOpenAfter: probeAfterMs, breaker: new ConsecutiveBreaker(failuresToOpen) });
    this.policy.onBreak(() => {
      this.opened += 1;
    });
  }

  get state(): RedisCircuitState {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'open';
    }
  }

  /**
   * Runs one Redis call; any failure to reach Redis comes out as a RedisUnavailableError, and so
   * does a call not settled within `timeoutMs` (counted as settled-within.ts does: a busy process
   * still reads the answer Redis sent in time).
   */
  async run<T>(call: () => Promise<T>, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> {
    try {
      return await this.policy.execute(() => settledWithin(call(), timeoutMs));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.skipped += 1;
        throw new RedisUnavailableError('Redis is unavailable (circuit open)', this.retryAfterSeconds);
      }
      if (isOutage(error)) throw new RedisUnavailableError(`Redis is unavailable: ${(error as Error).message}`, this.retryAfterSeconds, { cause: error });
      throw error;
    }
  }
}
