CREATE TABLE "tenant_template"."api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."client_instructors" (
	"client_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_instructors_client_id_instructor_id_pk" PRIMARY KEY("client_id","instructor_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"template" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."parq_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"any_yes" boolean NOT NULL,
	"declaration_name" text NOT NULL,
	"declared_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."sign_in_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."studio_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"require_parq_before_first_booking" boolean DEFAULT false NOT NULL,
	"receptionist_refund_limit_minor" integer DEFAULT 5000 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_settings_single_row" CHECK ("tenant_template"."studio_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "emergency_contact_name" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "emergency_contact_phone" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "marketing_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "discount_percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."client_instructors" ADD CONSTRAINT "client_instructors_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."client_instructors" ADD CONSTRAINT "client_instructors_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."parq_responses" ADD CONSTRAINT "parq_responses_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_instructors_instructor_idx" ON "tenant_template"."client_instructors" USING btree ("instructor_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_status_idx" ON "tenant_template"."outbox_messages" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "parq_responses_client_idx" ON "tenant_template"."parq_responses" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_email_idx" ON "tenant_template"."sign_in_failures" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_ip_idx" ON "tenant_template"."sign_in_failures" USING btree ("ip","created_at");--> statement-breakpoint
-- Every studio has exactly one settings row, with the defaults above.
INSERT INTO "tenant_template"."studio_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
