-- Every client belongs to a location the staff can see (issue 12, item 1). Clients who signed up
-- online before this had none: they get the locations they have booked at (the earliest booked
-- first), else the studio's first open location.
UPDATE "tenant_template"."users" AS u
SET "accessible_locations" = COALESCE(
  (SELECT array_agg(booked."location_id" ORDER BY booked."first_start", booked."location_id")
   FROM (SELECT b."location_id", min(b."starts_at") AS "first_start"
         FROM "tenant_template"."bookings" AS b
         WHERE b."client_id" = u."id"
         GROUP BY b."location_id") AS booked),
  (SELECT ARRAY[l."id"]
   FROM "tenant_template"."locations" AS l
   WHERE l."is_active"
   ORDER BY l."created_at", l."id"
   LIMIT 1),
  '{}'::uuid[])
WHERE u."role" = 'client' AND cardinality(u."accessible_locations") = 0;
--> statement-breakpoint
-- The primary location is the first of them wherever none was set.
UPDATE "tenant_template"."users"
SET "primary_location_id" = "accessible_locations"[1]
WHERE "role" = 'client' AND "primary_location_id" IS NULL AND cardinality("accessible_locations") > 0;
