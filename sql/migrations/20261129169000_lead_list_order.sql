-- A partner's "my leads" page, newest first, sorted all of the partner's leads (2 000 in the
-- benchmark) by lead.created_at to show 50, checking each against the lead's policy on the way.
-- The assignment now carries its lead's created_at, so one index walks the owner's current
-- assignments in page order and the page reads 51 leads, not 2 000. Likewise by end of protection.

-- migrate:up

ALTER TABLE lead_assignment ADD COLUMN lead_created_at timestamptz;
UPDATE lead_assignment a SET lead_created_at = l.created_at FROM lead l WHERE l.id = a.lead_id;

-- SECURITY DEFINER: a partner registering a lead cannot read it before its assignment exists.
CREATE FUNCTION app_lead_assignment_created_at() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    NEW.lead_created_at := (SELECT l.created_at FROM lead l WHERE l.id = NEW.lead_id);
    RETURN NEW;
  END
  $$;
CREATE TRIGGER lead_assignment_created_at BEFORE INSERT OR UPDATE OF lead_id ON lead_assignment
  FOR EACH ROW EXECUTE FUNCTION app_lead_assignment_created_at();

CREATE FUNCTION app_lead_created_at_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    UPDATE lead_assignment SET lead_created_at = NEW.created_at WHERE lead_id = NEW.id;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER lead_created_at_sync AFTER UPDATE OF created_at ON lead
  FOR EACH ROW WHEN (NEW.created_at IS DISTINCT FROM OLD.created_at)
  EXECUTE FUNCTION app_lead_created_at_sync();

CREATE INDEX lead_assignment_owner_recent_idx ON lead_assignment (owner_user_id, lead_created_at DESC, lead_id DESC)
  WHERE released_at IS NULL;
-- Every assignment of a lead, released ones too (the daily job's pseudonymisation looks at when
-- a lead was last assigned and released).
CREATE INDEX lead_assignment_lead_idx ON lead_assignment (lead_id);
-- The same page by end of protection (sort=protectedUntil): soonest first.
CREATE INDEX lead_assignment_owner_ending_idx
  ON lead_assignment (owner_user_id, (coalesce(expires_at, 'infinity'::timestamptz)), lead_id)
  WHERE released_at IS NULL;

-- migrate:down

DROP INDEX lead_assignment_owner_ending_idx;
DROP INDEX lead_assignment_lead_idx;
DROP INDEX lead_assignment_owner_recent_idx;
DROP TRIGGER lead_created_at_sync ON lead;
DROP FUNCTION app_lead_created_at_sync();
DROP TRIGGER lead_assignment_created_at ON lead_assignment;
DROP FUNCTION app_lead_assignment_created_at();
ALTER TABLE lead_assignment DROP COLUMN lead_created_at;
