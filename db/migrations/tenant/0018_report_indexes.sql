-- The dashboard's headline figures (app/models/report-figures.server.ts) sum bookings made,
-- bookings cancelled and payments taken over a period at each location; churn alerts count each
-- client's visits by status. The indexes find those rows by time (or client and time); carrying
-- the few columns the counts read (INCLUDE) lets PostgreSQL answer from the index alone, without
-- visiting each row's table page. With 200,000 bookings (npm run bench:reports) the dashboard's
-- statement took about half the time, churn's about 60%. Same names, keys and predicates as
-- before, so every query that used them still can; drizzle-kit cannot express INCLUDE, hence
-- this hand-written migration (db/schema/tenant.ts says so beside each index).
DROP INDEX "tenant_template"."bookings_created_idx";--> statement-breakpoint
CREATE INDEX "bookings_created_idx" ON "tenant_template"."bookings" USING btree ("created_at")
  INCLUDE ("location_id", "status", "spots_booked");--> statement-breakpoint
DROP INDEX "tenant_template"."bookings_cancelled_idx";--> statement-breakpoint
CREATE INDEX "bookings_cancelled_idx" ON "tenant_template"."bookings" USING btree ("cancelled_at")
  INCLUDE ("location_id", "status", "credit_forfeited") WHERE "tenant_template"."bookings"."cancelled_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX "tenant_template"."payments_paid_idx";--> statement-breakpoint
CREATE INDEX "payments_paid_idx" ON "tenant_template"."payments" USING btree ("paid_at")
  INCLUDE ("location_id", "amount_minor") WHERE "tenant_template"."payments"."status" = 'succeeded';--> statement-breakpoint
DROP INDEX "tenant_template"."bookings_client_time_idx";--> statement-breakpoint
CREATE INDEX "bookings_client_time_idx" ON "tenant_template"."bookings" USING btree ("client_id", "starts_at")
  INCLUDE ("status");
