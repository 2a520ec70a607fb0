CREATE TABLE "platform_fees" (
	"tier" text PRIMARY KEY NOT NULL,
	"basis_points" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_fees_range" CHECK ("platform_fees"."basis_points" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"account" text,
	"organization_id" uuid,
	"outcome" text NOT NULL,
	"object_ref" text,
	"payload" jsonb,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_events_outcome" CHECK ("stripe_events"."outcome" IN ('applied', 'ignored', 'waiting'))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "stripe_charges_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "stripe_details_submitted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "stripe_account_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stripe_events_waiting_idx" ON "stripe_events" USING btree ("object_ref") WHERE "stripe_events"."outcome" = 'waiting';--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_stripe_account_id_unique" UNIQUE("stripe_account_id");--> statement-breakpoint
-- The spec's 2.9% on every tier until the platform decides otherwise (an UPDATE per tier).
INSERT INTO "platform_fees" ("tier", "basis_points") VALUES ('trial', 290), ('starter', 290), ('studio', 290), ('multi_location', 290) ON CONFLICT DO NOTHING;
