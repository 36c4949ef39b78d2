CREATE TABLE "order_facts" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"total_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_line_facts" (
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"category_id" uuid,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	CONSTRAINT "order_line_facts_order_id_position_pk" PRIMARY KEY("order_id","position")
);
--> statement-breakpoint
CREATE TABLE "order_status_facts" (
	"order_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_status_facts_order_id_sequence_pk" PRIMARY KEY("order_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_facts" (
	"product_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"count" integer NOT NULL,
	"average" real,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "rating_facts_product_id_version_pk" PRIMARY KEY("product_id","version")
);
--> statement-breakpoint
CREATE TABLE "stock_facts" (
	"product_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"available" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_facts_product_id_version_pk" PRIMARY KEY("product_id","version"),
	CONSTRAINT "stock_facts_available_check" CHECK ("stock_facts"."available" >= 0)
);
--> statement-breakpoint
CREATE INDEX "order_facts_placed_idx" ON "order_facts" USING btree ("placed_at");--> statement-breakpoint
CREATE INDEX "order_line_facts_product_idx" ON "order_line_facts" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "order_status_facts_to_idx" ON "order_status_facts" USING btree ("to_status","order_id");--> statement-breakpoint
CREATE INDEX "processed_events_topic_idx" ON "processed_events" USING btree ("topic","occurred_at");--> statement-breakpoint
CREATE INDEX "rating_facts_at_idx" ON "rating_facts" USING btree ("at");