-- Buffers and travel held by the database; a pending class booking holds its place (issue 12, items 4 and 6).

-- A 1:1 session keeps the studio's buffer clear on both sides of it, and the journey to or from
-- a commitment at another location (travel from the earlier one's location to the later one's,
-- at least the buffer): the rule the slot engine plans with (slots.ts gapsAround), checked again
-- here so that two bookings planned at the same moment cannot both break it. Raw overlap stays
-- the exclusion constraint's to refuse.
--
-- Only session commitments (booking_id set) are checked, against every other commitment of the
-- instructor. Classes are placed by staff looking at the calendar and may stand back to back, or
-- next to a session already booked: the buffer is a rule for booking sessions, as in the slot
-- engine.
--
-- The advisory lock is the one every writer of an instructor's time takes first
-- (lockInstructorTime in app/models/commitment.server.ts computes the same key): the check runs
-- after the last racing writer committed, and sees its row.
CREATE FUNCTION "tenant_template".instructor_commitments_keep_gaps() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  buffer_minutes integer;
  widest_minutes integer;
  clash record;
BEGIN
  IF NEW.booking_id IS NULL THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended(TG_TABLE_SCHEMA || ':' || NEW.instructor_id::text, 0));
  SELECT coalesce((SELECT session_buffer_minutes FROM "tenant_template"."studio_settings" WHERE id = 1), 0)
    INTO buffer_minutes;
  SELECT greatest(buffer_minutes, coalesce(max(minutes), 0)) FROM "tenant_template"."location_travel_times"
    INTO widest_minutes;
  IF widest_minutes = 0 THEN
    RETURN NEW;
  END IF;
  -- A neighbour before this session needs the journey from it to here, one after it the journey
  -- from here to it; at least the buffer either way, and a missing travel pair is no journey.
  -- Overlapping neighbours are the exclusion constraint's to refuse.
  SELECT neighbour.starts_at, neighbour.ends_at INTO clash
    FROM "tenant_template"."instructor_commitments" neighbour
    LEFT JOIN "tenant_template"."location_travel_times" arriving
      ON arriving.from_location_id = neighbour.location_id AND arriving.to_location_id = NEW.location_id
    LEFT JOIN "tenant_template"."location_travel_times" leaving
      ON leaving.from_location_id = NEW.location_id AND leaving.to_location_id = neighbour.location_id
   WHERE neighbour.instructor_id = NEW.instructor_id
     AND neighbour.id <> NEW.id
     AND neighbour.starts_at < NEW.ends_at + make_interval(mins => widest_minutes)
     AND neighbour.ends_at > NEW.starts_at - make_interval(mins => widest_minutes)
     AND (
       (neighbour.ends_at <= NEW.starts_at AND NEW.starts_at - neighbour.ends_at < make_interval(mins =>
          greatest(buffer_minutes, CASE WHEN neighbour.location_id = NEW.location_id THEN 0
                                        ELSE coalesce(arriving.minutes, 0) END)))
       OR
       (neighbour.starts_at >= NEW.ends_at AND neighbour.starts_at - NEW.ends_at < make_interval(mins =>
          greatest(buffer_minutes, CASE WHEN neighbour.location_id = NEW.location_id THEN 0
                                        ELSE coalesce(leaving.minutes, 0) END)))
     )
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'instructor % is committed from % to %, too close to this time for the buffer or the journey',
      NEW.instructor_id, clash.starts_at, clash.ends_at
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'instructor_commitments_gap', TABLE = TG_TABLE_NAME,
            SCHEMA = TG_TABLE_SCHEMA;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER instructor_commitments_keep_gaps
  BEFORE INSERT OR UPDATE OF starts_at, ends_at, instructor_id, location_id, booking_id
  ON "tenant_template"."instructor_commitments"
  FOR EACH ROW EXECUTE FUNCTION "tenant_template".instructor_commitments_keep_gaps();
--> statement-breakpoint

-- A pending class booking holds its place: it spent its credit when it was made, so places and
-- credits agree in every live status, and confirming it can never find the class full. A booking
-- checked in, completed or marked a no-show keeps its place too; only a cancellation frees it.
CREATE OR REPLACE FUNCTION "tenant_template".bookings_hold_spots() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_spots integer := 0;
  after_spots integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.occurrence_id IS NOT NULL
     AND OLD.status IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show') THEN
    before_spots := OLD.spots_booked;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.occurrence_id IS NOT NULL
     AND NEW.status IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show') THEN
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

-- Recount every class from its live bookings. A class whose pending bookings now take it over
-- its capacity keeps them all (each client already spent a credit on that place): its capacity
-- grows to fit, rather than someone losing a place they were promised.
UPDATE "tenant_template"."occurrences" AS occurrence
   SET booked_spots = held.spots, capacity = greatest(occurrence.capacity, held.spots)
  FROM (
    SELECT o.id, coalesce(sum(b.spots_booked) FILTER (
             WHERE b.status IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show')), 0)::integer AS spots
      FROM "tenant_template"."occurrences" o
      LEFT JOIN "tenant_template"."bookings" b ON b.occurrence_id = o.id
     GROUP BY o.id
  ) AS held
 WHERE held.id = occurrence.id
   AND (occurrence.booked_spots <> held.spots OR occurrence.capacity < held.spots);
