-- An extension request still PENDING when its assignment ends (expired, reassigned) can no longer
-- be decided: nobody holds the protection it would extend. The release closes it (status CLOSED,
-- decided_at = the release, no decider), so the manager queue and the partner's page stop showing
-- it as open and the 48-hour escalation leaves it alone.

-- migrate:up

ALTER TABLE lead_extension_request DROP CONSTRAINT lead_extension_request_status_check;
ALTER TABLE lead_extension_request ADD CONSTRAINT lead_extension_request_status_check
  CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CLOSED'));

-- Requests left open by releases before this migration.
UPDATE lead_extension_request r
  SET status = 'CLOSED', decided_at = a.released_at,
      decision_comment = 'Closed: the assignment ended (' || coalesce(a.release_reason, 'RELEASED') || ').'
  FROM lead_assignment a
  WHERE a.id = r.assignment_id AND r.status = 'PENDING' AND a.released_at IS NOT NULL;

-- migrate:down

UPDATE lead_extension_request SET status = 'PENDING', decided_at = NULL, decision_comment = NULL
  WHERE status = 'CLOSED';
ALTER TABLE lead_extension_request DROP CONSTRAINT lead_extension_request_status_check;
ALTER TABLE lead_extension_request ADD CONSTRAINT lead_extension_request_status_check
  CHECK (status IN ('PENDING', 'APPROVED', 'DENIED'));
