CREATE TABLE "tenant_template"."bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"occurrence_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"booking_method" text NOT NULL,
	"spots_booked" integer DEFAULT 1 NOT NULL,
	"notes" text,
	"created_by_id" uuid NOT NULL,
	"rescheduled_from_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid,
	"cancel_reason" text,
	"credit_forfeited" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_order" CHECK ("tenant_template"."bookings"."ends_at" > "tenant_template"."bookings"."starts_at"),
	CONSTRAINT "bookings_spots_positive" CHECK ("tenant_template"."bookings"."spots_booked" > 0),
	CONSTRAINT "bookings_status" CHECK ("tenant_template"."bookings"."status" IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'cancelled')),
	CONSTRAINT "bookings_method" CHECK ("tenant_template"."bookings"."booking_method" IN ('self_booked', 'instructor_created', 'admin_created'))
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."credit_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"package_id" uuid,
	"name" text NOT NULL,
	"location_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_grants_remaining_not_negative" CHECK ("tenant_template"."credit_grants"."remaining" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."credit_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"booking_id" uuid,
	"delta" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_ledger_delta_not_zero" CHECK ("tenant_template"."credit_ledger"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."domain_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"booking_id" uuid,
	"occurrence_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"action" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credits" integer NOT NULL,
	"price_minor" integer NOT NULL,
	"valid_days" integer NOT NULL,
	"location_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_credits_positive" CHECK ("tenant_template"."packages"."credits" > 0),
	CONSTRAINT "packages_price_not_negative" CHECK ("tenant_template"."packages"."price_minor" >= 0),
	CONSTRAINT "packages_valid_days_positive" CHECK ("tenant_template"."packages"."valid_days" > 0)
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_commitments" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD COLUMN "booked_spots" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "max_spots_per_booking" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "tenant_template"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_occurrence_id_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "tenant_template"."occurrences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."bookings" ADD CONSTRAINT "bookings_cancelled_by_id_users_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."credit_grants" ADD CONSTRAINT "credit_grants_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."credit_grants" ADD CONSTRAINT "credit_grants_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "tenant_template"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."credit_ledger" ADD CONSTRAINT "credit_ledger_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."credit_ledger" ADD CONSTRAINT "credit_ledger_grant_id_credit_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "tenant_template"."credit_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."credit_ledger" ADD CONSTRAINT "credit_ledger_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "tenant_template"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."credit_ledger" ADD CONSTRAINT "credit_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_client_time_idx" ON "tenant_template"."bookings" USING btree ("client_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_instructor_time_idx" ON "tenant_template"."bookings" USING btree ("instructor_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_location_time_idx" ON "tenant_template"."bookings" USING btree ("location_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_occurrence_idx" ON "tenant_template"."bookings" USING btree ("occurrence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_per_client_occurrence" ON "tenant_template"."bookings" USING btree ("occurrence_id","client_id") WHERE "tenant_template"."bookings"."status" <> 'cancelled' AND "tenant_template"."bookings"."occurrence_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "credit_grants_client_expiry_idx" ON "tenant_template"."credit_grants" USING btree ("client_id","expires_at");--> statement-breakpoint
CREATE INDEX "credit_ledger_client_idx" ON "tenant_template"."credit_ledger" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "credit_ledger_grant_idx" ON "tenant_template"."credit_ledger" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "credit_ledger_booking_idx" ON "tenant_template"."credit_ledger" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "domain_events_unprocessed_idx" ON "tenant_template"."domain_events" USING btree ("created_at") WHERE "tenant_template"."domain_events"."processed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "domain_events_booking_idx" ON "tenant_template"."domain_events" USING btree ("booking_id");--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_commitments" ADD CONSTRAINT "instructor_commitments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "tenant_template"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "instructor_commitments_booking_key" ON "tenant_template"."instructor_commitments" USING btree ("booking_id");--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD CONSTRAINT "occurrences_not_overbooked" CHECK ("tenant_template"."occurrences"."booked_spots" BETWEEN 0 AND "tenant_template"."occurrences"."capacity");