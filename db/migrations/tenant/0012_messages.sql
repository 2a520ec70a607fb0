ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "location_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "send_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "country" text DEFAULT 'GB' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "sms_reminders" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "quiet_hours_start" text DEFAULT '21:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "quiet_hours_end" text DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "message_channels" text DEFAULT 'both' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."outbox_messages" ADD CONSTRAINT "outbox_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "tenant_template"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_messages_created_idx" ON "tenant_template"."outbox_messages" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_dedupe_key" ON "tenant_template"."outbox_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_messages_provider_id_idx" ON "tenant_template"."outbox_messages" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_booking_idx" ON "tenant_template"."outbox_messages" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_recipient_idx" ON "tenant_template"."outbox_messages" USING btree ("recipient","created_at");