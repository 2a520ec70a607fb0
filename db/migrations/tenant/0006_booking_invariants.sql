-- The booking invariants, kept by the database so racing requests cannot break them.

-- A class occurrence never exceeds its capacity: every booking change adjusts the occurrence's
-- booked_spots in the same transaction, and occurrences_not_overbooked (a CHECK) refuses the
-- change that would go over. The row lock this update takes queues racing bookings one by one.
CREATE FUNCTION "tenant_template".bookings_hold_spots() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_spots integer := 0;
  after_spots integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.occurrence_id IS NOT NULL AND OLD.status IN ('confirmed', 'checked_in') THEN
    before_spots := OLD.spots_booked;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.occurrence_id IS NOT NULL AND NEW.status IN ('confirmed', 'checked_in') THEN
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
CREATE TRIGGER bookings_hold_spots
  AFTER INSERT OR UPDATE OF status, spots_booked, occurrence_id OR DELETE ON "tenant_template"."bookings"
  FOR EACH ROW EXECUTE FUNCTION "tenant_template".bookings_hold_spots();
--> statement-breakpoint

-- A credit is never spent twice: a grant's remaining credits are the sum of its ledger rows,
-- moved only by this trigger, and credit_grants_remaining_not_negative refuses a spend that
-- would take it below zero.
CREATE FUNCTION "tenant_template".credit_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "tenant_template"."credit_grants" SET remaining = remaining + NEW.delta
    WHERE id = NEW.grant_id AND client_id = NEW.client_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'credit ledger row names grant % of another client', NEW.grant_id USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_apply
  AFTER INSERT ON "tenant_template"."credit_ledger"
  FOR EACH ROW EXECUTE FUNCTION "tenant_template".credit_ledger_apply();
--> statement-breakpoint

-- The ledger is append-only: a correction is a new row, never an edit.
CREATE FUNCTION "tenant_template".credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the credit ledger is append-only' USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_append_only
  BEFORE UPDATE OR DELETE ON "tenant_template"."credit_ledger"
  FOR EACH ROW EXECUTE FUNCTION "tenant_template".credit_ledger_append_only();
--> statement-breakpoint

-- remaining follows the ledger and nothing else.
CREATE FUNCTION "tenant_template".credit_grants_remaining_from_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 AND NEW.remaining IS DISTINCT FROM OLD.remaining THEN
    RAISE EXCEPTION 'credit_grants.remaining moves only through the credit ledger' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_grants_remaining_from_ledger
  BEFORE UPDATE OF remaining ON "tenant_template"."credit_grants"
  FOR EACH ROW EXECUTE FUNCTION "tenant_template".credit_grants_remaining_from_ledger();
--> statement-breakpoint
CREATE FUNCTION "tenant_template".credit_grants_start_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.remaining := 0;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_grants_start_empty
  BEFORE INSERT ON "tenant_template"."credit_grants"
  FOR EACH ROW EXECUTE FUNCTION "tenant_template".credit_grants_start_empty();
