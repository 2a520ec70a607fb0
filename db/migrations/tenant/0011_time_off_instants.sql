-- Location-less time off covers the same instants everywhere (issue 12, item 8): it is read on
-- the clock it was entered on. Existing rows were entered on the instructor's primary location's
-- clock, else the studio's first location's (open ones first, oldest first, as the app lists them).
UPDATE "tenant_template"."availability_exceptions" AS e
SET "timezone" = COALESCE(
  (
    SELECT l."timezone"
    FROM "tenant_template"."users" u
    JOIN "tenant_template"."locations" l ON l."id" = u."primary_location_id"
    WHERE u."id" = e."instructor_id"
  ),
  (
    SELECT l."timezone"
    FROM "tenant_template"."locations" l
    ORDER BY l."is_active" DESC, l."created_at" ASC
    LIMIT 1
  )
)
WHERE e."kind" = 'time_off' AND e."location_id" IS NULL AND e."timezone" IS NULL;
