CREATE INDEX "users_full_name_trgm_idx" ON "tenant_template"."users" USING gin ("full_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_email_trgm_idx" ON "tenant_template"."users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_phone_trgm_idx" ON "tenant_template"."users" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_phone_digits_trgm_idx" ON "tenant_template"."users" USING gin (regexp_replace(coalesce("phone", ''), '\D', '', 'g') gin_trgm_ops);