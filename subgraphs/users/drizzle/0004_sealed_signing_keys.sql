ALTER TABLE "signing_keys" ALTER COLUMN "private_jwk" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD COLUMN "kek_id" text;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD COLUMN "private_key_iv" "bytea";--> statement-breakpoint
ALTER TABLE "signing_keys" ADD COLUMN "private_key_auth_tag" "bytea";--> statement-breakpoint
ALTER TABLE "signing_keys" ADD COLUMN "private_key_ciphertext" "bytea";--> statement-breakpoint
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_sealed_check" CHECK (("signing_keys"."private_jwk" is null and num_nonnulls("signing_keys"."kek_id", "signing_keys"."private_key_iv", "signing_keys"."private_key_auth_tag", "signing_keys"."private_key_ciphertext") = 4) or ("signing_keys"."private_jwk" is not null and num_nonnulls("signing_keys"."kek_id", "signing_keys"."private_key_iv", "signing_keys"."private_key_auth_tag", "signing_keys"."private_key_ciphertext") = 0));