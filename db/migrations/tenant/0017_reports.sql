ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "churn_inactive_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "churn_credit_expiry_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
CREATE INDEX "bookings_created_idx" ON "tenant_template"."bookings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "bookings_cancelled_idx" ON "tenant_template"."bookings" USING btree ("cancelled_at") WHERE "tenant_template"."bookings"."cancelled_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "credit_grants_open_expiry_idx" ON "tenant_template"."credit_grants" USING btree ("expires_at") WHERE "tenant_template"."credit_grants"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "payments_paid_idx" ON "tenant_template"."payments" USING btree ("paid_at") WHERE "tenant_template"."payments"."status" = 'succeeded';--> statement-breakpoint
CREATE INDEX "users_client_created_idx" ON "tenant_template"."users" USING btree ("created_at") WHERE "tenant_template"."users"."role" = 'client';--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD CONSTRAINT "studio_settings_churn" CHECK ("tenant_template"."studio_settings"."churn_inactive_days" BETWEEN 7 AND 365 AND "tenant_template"."studio_settings"."churn_credit_expiry_days" BETWEEN 1 AND 90);