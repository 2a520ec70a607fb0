-- A class date can be moved (PATCH /api/classes/:id). The series keeps planning its weeks by
-- their planned start (insert … ON CONFLICT DO NOTHING): a moved date remembers it, so the
-- nightly planning finds that week taken rather than creating the class there a second time.
ALTER TABLE "tenant_template"."occurrences" ADD COLUMN "planned_starts_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "occurrences_series_planned_key" ON "tenant_template"."occurrences" USING btree ("series_id",coalesce("planned_starts_at", "starts_at"));