-- Person-level vaccination records: one row per person and dose number, given at a commune (the
-- vaccinating unit, whose path decides jurisdiction), with the age group the person was in on the
-- day of the dose (derived when recorded, src/domain/vaccination/age.ts) and an optional
-- high-risk category and lot number.
--
-- Records are counted into vaccination_doses as rows of source 'records', kept current by
-- statement triggers over the transition tables (one upsert per changed key and statement), so
-- coverage, the levels, the board and the daily report read them with the other figures. Entered,
-- imported or demo figures and counted records of the same commune, day, group, product and dose
-- are separate rows: each source is unique on its own key and never overwrites the other.

CREATE TABLE vaccination_records (
  id            bigserial PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES people(id),
  dose_date     date NOT NULL,
  product       text NOT NULL REFERENCES vaccine_products(code),
  dose          text NOT NULL CHECK (dose IN ('1', '2', '3', 'booster')),
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  age_group     text NOT NULL CHECK (age_group IN ('5-11', '12-17', '18-49', '50-64', '65+')),
  risk_group    text NOT NULL DEFAULT 'none' CHECK (risk_group IN ('none', 'chronic', 'health_worker', 'frontline', 'pregnant')),
  lot           text CHECK (length(lot) BETWEEN 1 AND 60),
  import_job_id bigint,
  entered_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, dose)
);
CREATE INDEX vaccination_records_path ON vaccination_records(unit_path, dose_date);

CREATE TRIGGER audit_vaccination_records AFTER INSERT OR UPDATE OR DELETE ON vaccination_records FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The new source, and one unique key per kind of row: counted records apart from the rest.
ALTER TABLE vaccination_doses DROP CONSTRAINT vaccination_doses_source_check;
ALTER TABLE vaccination_doses ADD CONSTRAINT vaccination_doses_source_check CHECK (source IN ('entered', 'imported', 'demo', 'records'));
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'vaccination_doses'::regclass AND contype = 'u' LOOP
    EXECUTE format('ALTER TABLE vaccination_doses DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
CREATE UNIQUE INDEX vaccination_doses_figures ON vaccination_doses(unit_id, dose_date, age_group, risk_group, product, dose) WHERE source <> 'records';
CREATE UNIQUE INDEX vaccination_doses_counted ON vaccination_doses(unit_id, dose_date, age_group, risk_group, product, dose) WHERE source = 'records';

-- Adds signed counts per key (a JSON array of {unit_id, unit_path, dose_date, age_group,
-- risk_group, product, dose, n}) to the counted rows: a key reaching zero is removed. The counted
-- rows are derived, so their changes are not audited one by one (the records are).
CREATE FUNCTION vaccination_counts_add(delta jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  prev text := current_setting('phongdich.bulk', true);
BEGIN
  IF delta IS NULL OR jsonb_array_length(delta) = 0 THEN RETURN; END IF;
  PERFORM set_config('phongdich.bulk', 'on', true);
  INSERT INTO vaccination_doses AS d (unit_id, unit_path, dose_date, age_group, risk_group, product, dose, doses, source)
  SELECT x.unit_id, x.unit_path, x.dose_date, x.age_group, x.risk_group, x.product, x.dose, x.n, 'records'
    FROM jsonb_to_recordset(delta) AS x(unit_id text, unit_path text, dose_date date, age_group text, risk_group text, product text, dose text, n integer)
   WHERE x.n > 0
   ORDER BY x.unit_id, x.dose_date, x.age_group, x.risk_group, x.product, x.dose
  ON CONFLICT (unit_id, dose_date, age_group, risk_group, product, dose) WHERE source = 'records'
  DO UPDATE SET doses = d.doses + excluded.doses, updated_at = now();
  DELETE FROM vaccination_doses d
   USING jsonb_to_recordset(delta) AS x(unit_id text, dose_date date, age_group text, risk_group text, product text, dose text, n integer)
   WHERE x.n < 0 AND d.source = 'records' AND d.unit_id = x.unit_id AND d.dose_date = x.dose_date AND d.age_group = x.age_group
     AND d.risk_group = x.risk_group AND d.product = x.product AND d.dose = x.dose AND d.doses + x.n <= 0;
  UPDATE vaccination_doses d SET doses = d.doses + x.n, updated_at = now()
    FROM jsonb_to_recordset(delta) AS x(unit_id text, dose_date date, age_group text, risk_group text, product text, dose text, n integer)
   WHERE x.n < 0 AND d.source = 'records' AND d.unit_id = x.unit_id AND d.dose_date = x.dose_date AND d.age_group = x.age_group
     AND d.risk_group = x.risk_group AND d.product = x.product AND d.dose = x.dose;
  PERFORM set_config('phongdich.bulk', coalesce(prev, ''), true);
END $$;

CREATE FUNCTION vaccination_records_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(k) INTO delta FROM (
      SELECT r.unit_id, min(r.unit_path) AS unit_path, r.dose_date, r.age_group, r.risk_group, r.product, r.dose, count(*)::int AS n
        FROM new_rows r GROUP BY r.unit_id, r.dose_date, r.age_group, r.risk_group, r.product, r.dose) k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(k) INTO delta FROM (
      SELECT r.unit_id, min(r.unit_path) AS unit_path, r.dose_date, r.age_group, r.risk_group, r.product, r.dose, -count(*)::int AS n
        FROM old_rows r GROUP BY r.unit_id, r.dose_date, r.age_group, r.risk_group, r.product, r.dose) k;
  ELSE
    SELECT jsonb_agg(k) INTO delta FROM (
      SELECT r.unit_id, min(r.unit_path) AS unit_path, r.dose_date, r.age_group, r.risk_group, r.product, r.dose, sum(r.n)::int AS n
        FROM (SELECT n.unit_id, n.unit_path, n.dose_date, n.age_group, n.risk_group, n.product, n.dose, 1 AS n FROM new_rows n
              UNION ALL
              SELECT o.unit_id, o.unit_path, o.dose_date, o.age_group, o.risk_group, o.product, o.dose, -1 FROM old_rows o) r
       GROUP BY r.unit_id, r.dose_date, r.age_group, r.risk_group, r.product, r.dose
      HAVING sum(r.n) <> 0) k;
  END IF;
  PERFORM vaccination_counts_add(delta);
  RETURN NULL;
END $$;
CREATE TRIGGER vaccination_records_inserted AFTER INSERT ON vaccination_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vaccination_records_counted();
CREATE TRIGGER vaccination_records_updated AFTER UPDATE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vaccination_records_counted();
CREATE TRIGGER vaccination_records_deleted AFTER DELETE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vaccination_records_counted();
