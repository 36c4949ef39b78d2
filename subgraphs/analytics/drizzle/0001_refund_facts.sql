CREATE TABLE "refund_facts" (
	"order_id" uuid NOT NULL,
	"refunded_total_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "refund_facts_order_id_refunded_total_cents_pk" PRIMARY KEY("order_id","refunded_total_cents")
);
