-- Xentral (issue 13): products in, customers linked to leads, sales orders out.
--
-- * product: the vendor's updatedAt and net sales price of a Xentral product. A webhook or pull
--   older than what is stored changes nothing (external_updated_at only moves forward).
-- * sync_run.cursor: where an incremental pull goes on from (Xentral: the newest updatedAt seen).
-- * lead_xentral: one row per lead linked to a Xentral customer (its id, number and name), and the
--   sales order made from it: our externalOrderNumber (unique per organisation, the idempotency
--   key), its state while it is sent, and the Location Xentral answered. A child of lead, pinned to
--   its organisation by a composite key; read as the lead is, written by managers and admins.

-- migrate:up

ALTER TABLE product ADD COLUMN external_updated_at timestamptz;
ALTER TABLE product ADD COLUMN sales_price_net numeric(14, 4) CHECK (sales_price_net IS NULL OR sales_price_net >= 0);
ALTER TABLE product ADD COLUMN currency text CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$');
ALTER TABLE product ADD CONSTRAINT product_price_currency CHECK ((sales_price_net IS NULL) = (currency IS NULL));

ALTER TABLE sync_run ADD COLUMN cursor text CHECK (cursor IS NULL OR length(cursor) <= 200);
GRANT UPDATE (cursor) ON sync_run TO freshplan_app;

CREATE TABLE lead_xentral (
  org_id            uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id           uuid NOT NULL,
  customer_id       text NOT NULL CHECK (customer_id ~ '^\d{1,20}$'),
  customer_number   text NOT NULL CHECK (length(customer_number) BETWEEN 1 AND 100),
  customer_name     text NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 300),
  linked_by         uuid REFERENCES app_user (id) ON DELETE SET NULL,
  linked_at         timestamptz NOT NULL DEFAULT now(),
  order_number      text CHECK (order_number IS NULL OR order_number ~ '^[A-Za-z0-9-]{1,40}$'),
  order_state       text CHECK (order_state IN ('SENDING', 'CREATED', 'FAILED')),
  order_location    text CHECK (order_location IS NULL OR length(order_location) <= 2000),
  order_error       text CHECK (order_error IS NULL OR length(order_error) <= 2000),
  order_created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  order_created_at  timestamptz,
  PRIMARY KEY (org_id, lead_id),
  FOREIGN KEY (org_id, lead_id) REFERENCES lead (org_id, id) ON DELETE CASCADE,
  UNIQUE (org_id, order_number),
  CHECK ((order_state IS NULL) = (order_number IS NULL)),
  CHECK (order_state IS DISTINCT FROM 'CREATED' OR (order_location IS NOT NULL AND order_created_at IS NOT NULL))
);
ALTER TABLE lead_xentral ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_xentral FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_xentral_select ON lead_xentral FOR SELECT
  USING (org_id = app_current_org_id() AND app_can_read_lead(lead_id));
-- Who linked and who ordered are accounts, not organisation rows: a new row may name only the
-- member inserting it (tenant-keys.int.test.ts attaches one to another organisation's account).
CREATE POLICY lead_xentral_insert ON lead_xentral FOR INSERT
  WITH CHECK (
    org_id = app_current_org_id() AND app_is_lead_manager()
    AND (linked_by IS NULL OR linked_by = app_current_user_id())
    AND (order_created_by IS NULL OR order_created_by = app_current_user_id())
  );
CREATE POLICY lead_xentral_update ON lead_xentral FOR UPDATE
  USING (org_id = app_current_org_id() AND app_is_lead_manager())
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager());
CREATE POLICY lead_xentral_delete ON lead_xentral FOR DELETE
  USING (org_id = app_current_org_id() AND app_is_lead_manager());
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_xentral TO freshplan_app;

-- migrate:down

DROP TABLE lead_xentral;
REVOKE UPDATE (cursor) ON sync_run FROM freshplan_app;
ALTER TABLE sync_run DROP COLUMN cursor;
ALTER TABLE product DROP CONSTRAINT product_price_currency;
ALTER TABLE product DROP COLUMN currency;
ALTER TABLE product DROP COLUMN sales_price_net;
ALTER TABLE product DROP COLUMN external_updated_at;
