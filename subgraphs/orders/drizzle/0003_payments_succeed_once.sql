-- A key that succeeded twice on record (two callers racing with one key) moved money once: keep its first row.
DELETE FROM "payments" AS "later" USING "payments" AS "first" WHERE "later"."outcome" = 'SUCCEEDED' AND "first"."outcome" = 'SUCCEEDED' AND "later"."provider_idempotency_key" = "first"."provider_idempotency_key" AND "later"."id" > "first"."id";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_succeeded_key_idx" ON "payments" USING btree ("provider_idempotency_key") WHERE "payments"."outcome" = 'SUCCEEDED';
