-- The AI router looks up which words of a prompt are our contacts' names (to scrub them) on every
-- call; without an index that read every lead of the organisation.

-- migrate:up

CREATE INDEX lead_contact_last_name_idx ON lead (org_id, contact_last_name) WHERE contact_last_name IS NOT NULL;
CREATE INDEX lead_contact_first_name_idx ON lead (org_id, contact_first_name) WHERE contact_first_name IS NOT NULL;

-- migrate:down

DROP INDEX lead_contact_first_name_idx;
DROP INDEX lead_contact_last_name_idx;
