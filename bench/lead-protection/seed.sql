-- Benchmark data for lead protection: one organisation, 50 partners with 2 000 leads each
-- (100 000 leads), 5 activities per lead (500 000), 20 000 holds (a tenth of them open).
-- Deterministic (setseed), and generated in SQL so seeding takes seconds, not hours.
-- psql variables: none. Run as a superuser on a freshly migrated database.

SELECT setseed(0.42);

-- Bulk load without row triggers (the expiry cache would be recomputed 620 000 times); it is
-- filled once at the end, as the migration does for existing data.
SET session_replication_role = replica;

INSERT INTO organization (id, slug, name) VALUES ('0b000000-0000-4000-8000-000000000001', 'bench', 'Bench');

INSERT INTO app_user (id, email, name)
SELECT ('0b000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'partner' || i || '@bench.example', 'Partner ' || i
FROM generate_series(1, 50) i;
INSERT INTO app_user (id, email, name) VALUES ('0b000000-0000-4000-9000-000000000001', 'manager@bench.example', 'Manager');

INSERT INTO membership (org_id, user_id, role)
SELECT '0b000000-0000-4000-8000-000000000001', id, CASE WHEN email LIKE 'manager%' THEN 'manager' ELSE 'sales' END
FROM app_user WHERE email LIKE '%@bench.example';

-- Registered over the last 270 days; partner = lead number mod 50.
CREATE TEMP TABLE bench_lead AS
SELECT gen_random_uuid() AS id, i,
       ('0b000000-0000-4000-8000-' || lpad(to_hex(1 + i % 50), 12, '0'))::uuid AS owner,
       now() - (random() * 270 || ' days')::interval AS registered
FROM generate_series(0, 99999) i;

INSERT INTO lead (id, org_id, company_name, city, industry, stage, created_at)
SELECT id, '0b000000-0000-4000-8000-000000000001', 'Betrieb ' || i, 'Stadt ' || (i % 400), 'Kantine', 0, registered
FROM bench_lead;

INSERT INTO lead_assignment (org_id, lead_id, owner_user_id, assigned_at)
SELECT '0b000000-0000-4000-8000-000000000001', id, owner, registered FROM bench_lead;

-- Five activities per lead between registration and now; four kinds of five are qualifying.
INSERT INTO lead_activity (org_id, lead_id, kind, at)
SELECT '0b000000-0000-4000-8000-000000000001', l.id,
       (ARRAY['QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP', 'NOTE', 'ROI_PRESENTATION'])[1 + (random() * 4)::int],
       l.registered + random() * (now() - l.registered)
FROM bench_lead l, generate_series(1, 5);

-- 20 000 holds of 1 to 30 days; every tenth still open.
INSERT INTO lead_hold (org_id, lead_id, reason, start_at, end_at)
SELECT '0b000000-0000-4000-8000-000000000001', l.id, 'FFZ_SAMPLE_DELAY', h.start_at,
       CASE WHEN l.i % 10 = 0 THEN NULL ELSE h.start_at + (1 + random() * 29 || ' days')::interval END
FROM (SELECT * FROM bench_lead WHERE i % 5 = 0) l
CROSS JOIN LATERAL (SELECT l.registered + random() * (now() - l.registered) AS start_at) h;

SET session_replication_role = origin;
SELECT count(app_lead_refresh_expiry(lead_id)) FROM lead_assignment WHERE released_at IS NULL;

ANALYZE;
