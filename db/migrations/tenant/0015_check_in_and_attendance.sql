-- A booking's check-in code: 8 characters of a 32-letter alphabet without 0/O and 1/I, one per
-- random byte (256 is a multiple of 32, so every letter is equally likely). The bytes are those
-- of a version 4 UUID that carry no version or variant bits, from PostgreSQL's strong random
-- source: 40 bits a guess must hit.
CREATE OR REPLACE FUNCTION "tenant_template".new_check_in_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (get_byte(r.b, i) % 32) + 1, 1), '' ORDER BY i)
  FROM (SELECT uuid_send(gen_random_uuid()) AS b) r, unnest(ARRAY[0, 1, 2, 3, 4, 5, 10, 11]) AS i
$$;
--> statement-breakpoint
CREATE TABLE "tenant_template"."class_notes" (
	"occurrence_id" uuid PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."client_cards" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"stripe_payment_method_id" text NOT NULL,
	"brand" text NOT NULL,
	"last4" text NOT NULL,
	"exp_month" smallint NOT NULL,
	"exp_year" smallint NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" DROP CONSTRAINT "payments_kind";--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "check_in_code" text DEFAULT "tenant_template".new_check_in_code() NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "checked_in_by_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "check_in_source" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "check_in_distance_metres" integer;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "attendance_marked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "attendance_marked_by_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "attendance_note" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD COLUMN "no_show_fee_payment_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "check_in_opens_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "check_in_closes_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "client_check_in" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "check_in_radius_metres" integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "no_show_rule" text DEFAULT 'forfeit_credit' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "no_show_fee_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."class_notes" ADD CONSTRAINT "class_notes_occurrence_id_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "tenant_template"."occurrences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."class_notes" ADD CONSTRAINT "class_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."client_cards" ADD CONSTRAINT "client_cards_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_checked_in_by_id_users_id_fk" FOREIGN KEY ("checked_in_by_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_attendance_marked_by_id_users_id_fk" FOREIGN KEY ("attendance_marked_by_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_check_in_code_idx" ON "tenant_template"."bookings" USING btree ("check_in_code");--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_check_in_source" CHECK ("tenant_template"."bookings"."check_in_source" IS NULL OR "tenant_template"."bookings"."check_in_source" IN ('staff', 'code', 'client'));--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_kind" CHECK ("tenant_template"."payments"."kind" IN ('package', 'booking', 'other', 'no_show_fee'));--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD CONSTRAINT "studio_settings_check_in" CHECK ("tenant_template"."studio_settings"."check_in_opens_minutes" BETWEEN 0 AND 1440 AND "tenant_template"."studio_settings"."check_in_closes_minutes" BETWEEN 0 AND 1440 AND "tenant_template"."studio_settings"."check_in_radius_metres" BETWEEN 50 AND 50000);--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD CONSTRAINT "studio_settings_no_show" CHECK ("tenant_template"."studio_settings"."no_show_rule" IN ('forfeit_credit', 'charge_fee', 'return_credit') AND "tenant_template"."studio_settings"."no_show_fee_minor" >= 0);--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_no_show_fee_payment_id_payments_id_fk" FOREIGN KEY ("no_show_fee_payment_id") REFERENCES "tenant_template"."payments"("id");
