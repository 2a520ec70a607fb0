ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "unverified_clients_may_book" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
-- Accounts made before verification existed were never sent a link, and many of them have
-- booked for years: count them as verified, so a studio turning the rule on refuses no one
-- who had no way to comply. Accounts from now on start unverified (null).
UPDATE "tenant_template"."users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
