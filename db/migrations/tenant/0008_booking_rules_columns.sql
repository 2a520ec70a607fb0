ALTER TABLE "tenant_template"."availability_exceptions" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "staff_overrides" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "confirmed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "confirmation_override_reason" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "undo_minutes" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "studio_type" text DEFAULT 'hybrid' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD CONSTRAINT "studio_settings_undo_minutes" CHECK ("tenant_template"."studio_settings"."undo_minutes" BETWEEN 0 AND 120);--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD CONSTRAINT "studio_settings_studio_type" CHECK ("tenant_template"."studio_settings"."studio_type" IN ('session_based', 'class_based', 'hybrid'));