-- Daily counts of cases and test results per unit path, kept current by statement triggers as the
-- rows arrive, change and go: the epidemic curve, R, incidence, the week's indicators of the levels
-- and the steering committee's board read these few rows (a unit's days), never the cases or the
-- tests themselves. A unit's counts are the sum over the paths under it, within the caller's
-- jurisdiction as for the rows they count.

-- One row per path, day and facet. kind:
--   'confirmed' F0 (confirmed or probable) by day of confirmation;
--   'onset'     F0 by day of onset;
--   'no_onset'  F0 without an onset date, by day of confirmation;
--   'died'      cases whose outcome is death, by its date.
-- community: found neither in quarantine nor at entry; oxygen: severe or critical.
CREATE TABLE case_day_counts (
  unit_path   text COLLATE "C" NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('confirmed', 'onset', 'no_onset', 'died')),
  day         date NOT NULL,
  source_kind text NOT NULL,
  community   boolean NOT NULL,
  oxygen      boolean NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (unit_path, kind, day, source_kind, community, oxygen)
);
CREATE INDEX case_day_counts_day ON case_day_counts(kind, day);

-- The statement adding to the counts the case rows a query gives, each with its sign: a statement's new rows add
-- (1), its old rows take away (-1). An update that changes nothing the counts read cancels out and
-- writes nothing. Keys in order, so concurrent writers lock the rows alike.
CREATE FUNCTION case_day_counts_sql(src text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN format($q$
    INSERT INTO case_day_counts AS t (unit_path, kind, day, source_kind, community, oxygen, n)
    SELECT c.unit_path, k.kind, k.day, c.source_kind,
           coalesce(c.found_by, 'other') NOT IN ('quarantine', 'entry'),
           coalesce(c.severity IN ('severe', 'critical'), false), sum(c.sign)::int
      FROM (%s) c
     CROSS JOIN LATERAL (VALUES
       ('confirmed', CASE WHEN c.classification IN ('confirmed', 'probable') THEN c.confirmed_date END),
       ('onset', CASE WHEN c.classification IN ('confirmed', 'probable') THEN c.onset_date END),
       ('no_onset', CASE WHEN c.classification IN ('confirmed', 'probable') AND c.onset_date IS NULL THEN c.confirmed_date END),
       ('died', CASE WHEN c.outcome = 'died' THEN c.outcome_date END)
     ) AS k(kind, day)
     WHERE k.day IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(c.sign) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (unit_path, kind, day, source_kind, community, oxygen) DO UPDATE SET n = t.n + excluded.n$q$, src);
END $$;

-- The trigger runs it itself: a statement's transition tables are reached from the trigger
-- function's own dynamic SQL (not from a function it calls), so one text serves inserts, updates
-- and deletes.
CREATE FUNCTION case_day_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE case_day_counts_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
    ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o' END);
  RETURN NULL;
END $$;
CREATE TRIGGER case_day_counts_inserted AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_day_counts_apply();
CREATE TRIGGER case_day_counts_deleted AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_day_counts_apply();
CREATE TRIGGER case_day_counts_updated AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_day_counts_apply();

-- Test results by day of result (with the positives), and samples by day of sampling.
CREATE TABLE test_day_counts (
  unit_path text COLLATE "C" NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('result', 'sample')),
  day       date NOT NULL,
  n         integer NOT NULL,
  positive  integer NOT NULL,
  PRIMARY KEY (unit_path, kind, day)
);
CREATE INDEX test_day_counts_day ON test_day_counts(kind, day);

CREATE FUNCTION test_day_counts_sql(src text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN format($q$
    INSERT INTO test_day_counts AS t (unit_path, kind, day, n, positive)
    SELECT x.unit_path, k.kind, k.day, sum(x.sign)::int, coalesce(sum(x.sign) FILTER (WHERE k.kind = 'result' AND x.result = 'positive'), 0)::int
      FROM (%s) x
     CROSS JOIN LATERAL (VALUES
       ('result', CASE WHEN x.result IS NOT NULL THEN x.result_date END),
       ('sample', x.sample_date)
     ) AS k(kind, day)
     WHERE k.day IS NOT NULL
     GROUP BY 1, 2, 3
    HAVING sum(x.sign) <> 0 OR coalesce(sum(x.sign) FILTER (WHERE k.kind = 'result' AND x.result = 'positive'), 0) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (unit_path, kind, day) DO UPDATE SET n = t.n + excluded.n, positive = t.positive + excluded.positive$q$, src);
END $$;

CREATE FUNCTION test_day_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE test_day_counts_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.unit_path, n.result, n.result_date, n.sample_date, 1 AS sign FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.unit_path, o.result, o.result_date, o.sample_date, -1 AS sign FROM old_rows o'
    ELSE 'SELECT n.unit_path, n.result, n.result_date, n.sample_date, 1 AS sign FROM new_rows n UNION ALL SELECT o.unit_path, o.result, o.result_date, o.sample_date, -1 FROM old_rows o' END);
  RETURN NULL;
END $$;
CREATE TRIGGER test_day_counts_inserted AFTER INSERT ON tests
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION test_day_counts_apply();
CREATE TRIGGER test_day_counts_deleted AFTER DELETE ON tests
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION test_day_counts_apply();
CREATE TRIGGER test_day_counts_updated AFTER UPDATE ON tests
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION test_day_counts_apply();

-- The counts of the rows already stored.
DO $$
BEGIN
  EXECUTE case_day_counts_sql('SELECT c.*, 1 AS sign FROM cases c');
  EXECUTE test_day_counts_sql('SELECT x.unit_path, x.result, x.result_date, x.sample_date, 1 AS sign FROM tests x');
END $$;

-- Committed changes to what the steering committee's board is read from (the directives have their
-- channel), one channel per section: a new case makes the board read its cases again and keeps
-- its levels, quarantine, care, vaccination and entry figures. Units, populations and bodies are
-- read by every section. The board keeps each answer until its channels move, not until the next
-- write anywhere (a session, a follow-up, a job's lease).
CREATE FUNCTION announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('units', 'phongdich_units'), ('unit_populations', 'phongdich_units'), ('unit_links', 'phongdich_units'), ('orgs', 'phongdich_units'),
    ('case_day_counts', 'phongdich_cases'), ('serial_intervals', 'phongdich_cases'),
    ('level_rule_sets', 'phongdich_levels'), ('level_assessments', 'phongdich_levels'),
    ('quarantine_stay_counts', 'phongdich_quarantine'), ('quarantine_facilities', 'phongdich_quarantine'),
    ('care_facilities', 'phongdich_care'), ('care_admissions', 'phongdich_care'), ('care_home_patients', 'phongdich_care'),
    ('vaccination_doses', 'phongdich_vaccination'), ('vaccination_populations', 'phongdich_vaccination'), ('vaccination_targets', 'phongdich_vaccination'),
    ('vaccination_age_shares', 'phongdich_vaccination'), ('vaccine_products', 'phongdich_vaccination'),
    ('entry_illegal_cases', 'phongdich_entry'), ('entry_illegal_people', 'phongdich_entry'), ('entry_ports', 'phongdich_entry')
  ) AS x(tbl, channel) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION announce_change(%L)', t.tbl || '_announce_' || replace(t.channel, 'phongdich_', ''), t.tbl, t.channel);
  END LOOP;
END $$;
