CREATE TABLE "tenant_template"."availability_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instructor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"start_time" time,
	"end_time" time,
	"location_id" uuid,
	"allows_self_booking" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."class_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"capacity" integer NOT NULL,
	"interval_weeks" integer DEFAULT 1 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."instructor_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instructor_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"allows_self_booking" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instructor_availability_weekday" CHECK ("tenant_template"."instructor_availability"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "instructor_availability_order" CHECK ("tenant_template"."instructor_availability"."end_time" > "tenant_template"."instructor_availability"."start_time")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."instructor_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instructor_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location_id" uuid NOT NULL,
	"occurrence_id" uuid
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"original_instructor_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "occurrences_order" CHECK ("tenant_template"."occurrences"."ends_at" > "tenant_template"."occurrences"."starts_at"),
	CONSTRAINT "occurrences_capacity" CHECK ("tenant_template"."occurrences"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"capacity" integer,
	"price_minor" integer DEFAULT 0 NOT NULL,
	"location_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"booking_mode" text DEFAULT 'self_booking' NOT NULL,
	"self_booking_enabled" boolean DEFAULT true NOT NULL,
	"instructor_booking_enabled" boolean DEFAULT true NOT NULL,
	"admin_booking_enabled" boolean DEFAULT true NOT NULL,
	"cancellation_window_hours" integer DEFAULT 24 NOT NULL,
	"requires_credit" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_duration_positive" CHECK ("tenant_template"."services"."duration_minutes" > 0),
	CONSTRAINT "services_price_not_negative" CHECK ("tenant_template"."services"."price_minor" >= 0),
	CONSTRAINT "services_class_capacity" CHECK ("tenant_template"."services"."type" = 'session' OR "tenant_template"."services"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."location_travel_times" (
	"from_location_id" uuid NOT NULL,
	"to_location_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "location_travel_times_from_location_id_to_location_id_pk" PRIMARY KEY("from_location_id","to_location_id"),
	CONSTRAINT "location_travel_times_minutes" CHECK ("tenant_template"."location_travel_times"."minutes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "slot_step_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "min_notice_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "max_advance_days" integer DEFAULT 62 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."studio_settings" ADD COLUMN "session_buffer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."availability_exceptions" ADD CONSTRAINT "availability_exceptions_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."availability_exceptions" ADD CONSTRAINT "availability_exceptions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."class_series" ADD CONSTRAINT "class_series_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "tenant_template"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."class_series" ADD CONSTRAINT "class_series_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."class_series" ADD CONSTRAINT "class_series_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_availability" ADD CONSTRAINT "instructor_availability_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_availability" ADD CONSTRAINT "instructor_availability_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_commitments" ADD CONSTRAINT "instructor_commitments_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_commitments" ADD CONSTRAINT "instructor_commitments_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."instructor_commitments" ADD CONSTRAINT "instructor_commitments_occurrence_id_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "tenant_template"."occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD CONSTRAINT "occurrences_series_id_class_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "tenant_template"."class_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD CONSTRAINT "occurrences_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "tenant_template"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD CONSTRAINT "occurrences_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD CONSTRAINT "occurrences_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."occurrences" ADD CONSTRAINT "occurrences_original_instructor_id_users_id_fk" FOREIGN KEY ("original_instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."location_travel_times" ADD CONSTRAINT "location_travel_times_from_location_id_locations_id_fk" FOREIGN KEY ("from_location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."location_travel_times" ADD CONSTRAINT "location_travel_times_to_location_id_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "tenant_template"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "availability_exceptions_lookup_idx" ON "tenant_template"."availability_exceptions" USING btree ("instructor_id","date");--> statement-breakpoint
CREATE INDEX "instructor_availability_lookup_idx" ON "tenant_template"."instructor_availability" USING btree ("instructor_id","weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "instructor_commitments_occurrence_key" ON "tenant_template"."instructor_commitments" USING btree ("occurrence_id");--> statement-breakpoint
CREATE INDEX "instructor_commitments_time_idx" ON "tenant_template"."instructor_commitments" USING btree ("instructor_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "occurrences_series_start_key" ON "tenant_template"."occurrences" USING btree ("series_id","starts_at");--> statement-breakpoint
CREATE INDEX "occurrences_location_time_idx" ON "tenant_template"."occurrences" USING btree ("location_id","starts_at");--> statement-breakpoint
CREATE INDEX "occurrences_instructor_time_idx" ON "tenant_template"."occurrences" USING btree ("instructor_id","starts_at");