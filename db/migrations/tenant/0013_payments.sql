CREATE TABLE "tenant_template"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"application_fee_minor" integer DEFAULT 0 NOT NULL,
	"refunded_minor" integer DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"package_id" uuid,
	"booking_id" uuid,
	"credit_grant_id" uuid,
	"location_id" uuid,
	"reason" text,
	"taken_by_id" uuid NOT NULL,
	"stripe_checkout_session_id" text,
	"stripe_checkout_url" text,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"expires_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"failure_message" text,
	"disputed_at" timestamp with time zone,
	"dispute_reason" text,
	"needs_attention" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "payments_stripe_payment_intent_id_unique" UNIQUE("stripe_payment_intent_id"),
	CONSTRAINT "payments_amount_positive" CHECK ("tenant_template"."payments"."amount_minor" > 0),
	CONSTRAINT "payments_fee_range" CHECK ("tenant_template"."payments"."application_fee_minor" BETWEEN 0 AND "tenant_template"."payments"."amount_minor"),
	CONSTRAINT "payments_refunded_range" CHECK ("tenant_template"."payments"."refunded_minor" BETWEEN 0 AND "tenant_template"."payments"."amount_minor"),
	CONSTRAINT "payments_kind" CHECK ("tenant_template"."payments"."kind" IN ('package', 'booking', 'other')),
	CONSTRAINT "payments_method" CHECK ("tenant_template"."payments"."method" IN ('online_card', 'desk_card', 'cash', 'terminal')),
	CONSTRAINT "payments_status" CHECK ("tenant_template"."payments"."status" IN ('open', 'succeeded', 'failed', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"credits_removed" integer DEFAULT 0 NOT NULL,
	"stripe_refund_id" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_stripe_refund_id_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "refunds_amount_positive" CHECK ("tenant_template"."refunds"."amount_minor" > 0),
	CONSTRAINT "refunds_status" CHECK ("tenant_template"."refunds"."status" IN ('pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" DROP CONSTRAINT "bookings_status";--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "refund_removes_credits" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "tenant_template"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "tenant_template"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_credit_grant_id_credit_grants_id_fk" FOREIGN KEY ("credit_grant_id") REFERENCES "tenant_template"."credit_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."payments" ADD CONSTRAINT "payments_taken_by_id_users_id_fk" FOREIGN KEY ("taken_by_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "tenant_template"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."refunds" ADD CONSTRAINT "refunds_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_client_idx" ON "tenant_template"."payments" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_created_idx" ON "tenant_template"."payments" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payments_booking_idx" ON "tenant_template"."payments" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "payments_open_idx" ON "tenant_template"."payments" USING btree ("expires_at") WHERE "tenant_template"."payments"."status" = 'open';--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "tenant_template"."refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "tenant_template"."refunds" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_status" CHECK ("tenant_template"."bookings"."status" IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'cancelled', 'awaiting_payment'));--> statement-breakpoint

-- A place held while the client pays (awaiting_payment) counts like any live booking, so two
-- clients paying for the last place cannot both hold it.
CREATE OR REPLACE FUNCTION "tenant_template".bookings_hold_spots() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_spots integer := 0;
  after_spots integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.occurrence_id IS NOT NULL
     AND OLD.status IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'awaiting_payment') THEN
    before_spots := OLD.spots_booked;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.occurrence_id IS NOT NULL
     AND NEW.status IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'awaiting_payment') THEN
    after_spots := NEW.spots_booked;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.occurrence_id IS DISTINCT FROM NEW.occurrence_id THEN
    IF before_spots <> 0 THEN
      UPDATE "tenant_template"."occurrences" SET booked_spots = booked_spots - before_spots WHERE id = OLD.occurrence_id;
    END IF;
    IF after_spots <> 0 THEN
      UPDATE "tenant_template"."occurrences" SET booked_spots = booked_spots + after_spots WHERE id = NEW.occurrence_id;
    END IF;
  ELSIF after_spots <> before_spots THEN
    UPDATE "tenant_template"."occurrences" SET booked_spots = booked_spots + after_spots - before_spots
      WHERE id = COALESCE(NEW.occurrence_id, OLD.occurrence_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

-- One live payment per booking: a second Checkout for the same hold is refused.
CREATE UNIQUE INDEX "payments_one_live_per_booking" ON "tenant_template"."payments" ("booking_id") WHERE "booking_id" IS NOT NULL AND "status" IN ('open', 'succeeded');
