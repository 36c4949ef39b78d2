import { z } from '@shopgraph/config';

/** Every notification setting's default, in one place (docs/notifications.md, "Configuration"). */
export const NOTIFICATIONS_DEFAULTS = {
  SMTP_FROM: 'Shopgraph <no-reply@shopgraph.dev>',
  NOTIFICATIONS_MAX_ATTEMPTS: 8,
  NOTIFICATIONS_RETRY_BASE_MS: 30_000,
  NOTIFICATIONS_RETRY_MAX_MS: 3_600_000,
  NOTIFICATIONS_POLL_MS: 1_000,
} as const;

/** The variables of every deployable that sends notifications (orders, users); each env.ts extends with them. */
export const notificationsEnv = {
  /**
   * smtp://user:pass@host:587 or smtps://...: emails leave over SMTP. Unset or empty (compose's
   * `${SMTP_URL:-}` with nothing in .env): they are only logged (development's devMailbox).
   */
  SMTP_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .url()
      .refine((url) => /^smtps?:\/\//.test(url), 'must start with smtp:// or smtps://')
      .optional(),
  ),
  /** The From header of every email; its domain also ends every Message-ID. */
  SMTP_FROM: z.string().min(3).default(NOTIFICATIONS_DEFAULTS.SMTP_FROM),
  /** Attempts before a notification is dead-lettered (failedNotifications shows it). */
  NOTIFICATIONS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(NOTIFICATIONS_DEFAULTS.NOTIFICATIONS_MAX_ATTEMPTS),
  /** The wait after the first failed attempt; each further failure doubles it. */
  NOTIFICATIONS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(86_400_000).default(NOTIFICATIONS_DEFAULTS.NOTIFICATIONS_RETRY_BASE_MS),
  /** The longest wait between two attempts, however many failed. */
  NOTIFICATIONS_RETRY_MAX_MS: z.coerce.number().int().min(1).max(604_800_000).default(NOTIFICATIONS_DEFAULTS.NOTIFICATIONS_RETRY_MAX_MS),
  /** How often an idle dispatcher looks for due notifications that no local write announced. */
  NOTIFICATIONS_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(NOTIFICATIONS_DEFAULTS.NOTIFICATIONS_POLL_MS),
};

export type NotificationsEnv = z.infer<z.ZodObject<typeof notificationsEnv>>;

/** The settings with every default filled in: for deployables built without their env (tests, all-in-one). */
export function notificationSettings(partial: Partial<NotificationsEnv> = {}): NotificationsEnv {
  return { ...NOTIFICATIONS_DEFAULTS, ...partial };
}
