-- An instructor cannot be in two places at once: no two commitments (classes, sessions) of the
-- same instructor may overlap, at any location. Touching ranges ([10:00,11:00) and
-- [11:00,12:00)) are allowed. The database decides, so racing requests cannot both win.
ALTER TABLE "tenant_template"."instructor_commitments"
  ADD CONSTRAINT "instructor_commitments_no_overlap"
  EXCLUDE USING gist ("instructor_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&);
