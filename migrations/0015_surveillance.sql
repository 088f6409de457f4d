-- Surveillance: cases (F0), exposures between people, contact degrees (F1…Fn) kept current,
-- follow-up of contacts, tests (samples, pools, campaigns), clusters and zones.
--
-- Jurisdiction: each person-level row carries the path of its person's unit of residence
-- (unit_path, byte order, copied on insert when not given and kept when the person moves), so every
-- list filters by one indexed prefix, as people/repo.ts does for people.

-- Dated rules, as data: the rule in force on the case's onset (or first positive sample) applies.
CREATE TABLE surveillance_rules (
  id                    serial PRIMARY KEY,
  valid_from            date NOT NULL,
  -- NULL: national default; a province's own rule names its unit and wins from its date.
  unit_id               text REFERENCES units(id),
  -- The infectious window opens this many days before onset, or before the first positive
  -- sample when there are no symptoms, and closes at isolation.
  days_before_onset     integer NOT NULL CHECK (days_before_onset BETWEEN 0 AND 30),
  days_before_sample    integer NOT NULL CHECK (days_before_sample BETWEEN 0 AND 30),
  -- A contact is followed for this many days after the last exposure.
  contact_follow_days   integer NOT NULL CHECK (contact_follow_days BETWEEN 1 AND 60),
  -- A cluster closes after this many days without a new case.
  cluster_close_days    integer NOT NULL CHECK (cluster_close_days BETWEEN 1 AND 120),
  source                text NOT NULL,
  confidence            text NOT NULL CHECK (confidence IN ('verified','secondary','unverified')),
  note                  text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, valid_from)
);
CREATE UNIQUE INDEX surveillance_rules_national ON surveillance_rules(valid_from) WHERE unit_id IS NULL;

-- A person as known to an outside source (a line list, a laboratory, a spreadsheet): imports match
-- people by CCCD or passport, else by this reference.
CREATE TABLE person_refs (
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
  ref         text NOT NULL CHECK (length(ref) BETWEEN 1 AND 80),
  person_id   bigint NOT NULL REFERENCES people(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, ref)
);
CREATE INDEX person_refs_person ON person_refs(person_id);

CREATE TABLE clusters (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL,
  name          text NOT NULL,
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  place         text,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
  opened_on     date NOT NULL,
  closed_on     date,
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code)
);
CREATE INDEX clusters_path ON clusters(unit_path, status);

CREATE TABLE test_campaigns (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  starts_on     date NOT NULL,
  ends_on       date NOT NULL CHECK (ends_on >= starts_on),
  method        text NOT NULL CHECK (method IN ('pcr','antigen')),
  target_people integer CHECK (target_people >= 0),
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX test_campaigns_path ON test_campaigns(unit_path, starts_on);

-- A pooled sample (mẫu gộp): several people's swabs tested as one. A positive pool opens an
-- individual retest for each member.
CREATE TABLE test_pools (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL,
  lab           text NOT NULL DEFAULT '',
  sample_date   date NOT NULL,
  result_date   date,
  result        text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending','positive','negative','inconclusive')),
  ct            numeric(4,1) CHECK (ct BETWEEN 0 AND 60),
  unit_path     text COLLATE "C" NOT NULL,
  campaign_id   bigint REFERENCES test_campaigns(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (lab, code)
);

CREATE TABLE tests (
  id            bigserial PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES people(id),
  unit_path     text COLLATE "C" NOT NULL,
  method        text NOT NULL CHECK (method IN ('pcr','antigen')),
  -- planned: scheduled (follow-up, pool retest), not yet sampled.
  status        text NOT NULL DEFAULT 'resulted' CHECK (status IN ('planned','sampled','resulted','cancelled')),
  planned_on    date,
  sample_date   date,
  result_date   date,
  result        text CHECK (result IN ('positive','negative','inconclusive')),
  ct            numeric(4,1) CHECK (ct BETWEEN 0 AND 60),
  lab           text NOT NULL DEFAULT '',
  pool_id       bigint REFERENCES test_pools(id),
  retest_of_pool_id bigint REFERENCES test_pools(id),
  campaign_id   bigint REFERENCES test_campaigns(id),
  import_job_id bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'resulted' OR (result IS NOT NULL AND sample_date IS NOT NULL)),
  CHECK (result_date IS NULL OR sample_date IS NULL OR result_date >= sample_date),
  CHECK (status <> 'planned' OR planned_on IS NOT NULL)
);
-- One sample per person, day and method: importing the same results twice changes nothing.
CREATE UNIQUE INDEX tests_person_sample ON tests(person_id, sample_date, method) WHERE sample_date IS NOT NULL;
CREATE INDEX tests_path_date ON tests(unit_path, sample_date);
CREATE INDEX tests_pool ON tests(pool_id) WHERE pool_id IS NOT NULL;
CREATE INDEX tests_retest ON tests(retest_of_pool_id) WHERE retest_of_pool_id IS NOT NULL;
CREATE INDEX tests_planned ON tests(planned_on, unit_path) WHERE status = 'planned';
CREATE INDEX tests_campaign ON tests(campaign_id) WHERE campaign_id IS NOT NULL;
-- Positive results of people without a case: the proposals list.
CREATE INDEX tests_positive ON tests(result_date, unit_path) WHERE result = 'positive';

CREATE TABLE cases (
  id                bigserial PRIMARY KEY,
  -- One case record per person (a reinfection reopens it).
  person_id         bigint NOT NULL UNIQUE REFERENCES people(id),
  unit_path         text COLLATE "C" NOT NULL,
  code              text,
  classification    text NOT NULL CHECK (classification IN ('suspected','probable','confirmed','discarded')),
  onset_date        date,
  sample_date       date,       -- first positive sample
  confirmed_date    date,
  isolated_on       date,
  found_by          text CHECK (found_by IN ('quarantine','community','hospital','entry','tracing','other')),
  source_kind       text NOT NULL DEFAULT 'unknown' CHECK (source_kind IN ('imported','linked','unknown')),
  source_country    text CHECK (source_country ~ '^[A-Z]{2}$'),
  source_travel     text,       -- flight number or border gate
  source_case_id    bigint REFERENCES cases(id),
  cluster_id        bigint REFERENCES clusters(id),
  infection_place   text,
  symptoms          text[] NOT NULL DEFAULT '{}',
  severity          text CHECK (severity IN ('asymptomatic','mild','moderate','severe','critical')),
  outcome           text CHECK (outcome IN ('recovered','died','transferred')),
  outcome_date      date,
  transferred_to    text,
  isolation_place   text,
  confirming_test_id bigint REFERENCES tests(id),
  -- Kept by the service: an active F0 (confirmed or probable, no outcome yet) from which degrees
  -- are measured, and its infectious window as the rule in force computed it.
  is_source         boolean NOT NULL DEFAULT false,
  window_from       date,
  window_to         date,       -- NULL: not isolated yet (open)
  import_job_id     bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (source_case_id IS NULL OR source_kind = 'linked'),
  CHECK (outcome IS NULL OR outcome_date IS NOT NULL)
);
CREATE INDEX cases_path_confirmed ON cases(unit_path, confirmed_date);
CREATE INDEX cases_path_onset ON cases(unit_path, onset_date);
CREATE INDEX cases_cluster ON cases(cluster_id, confirmed_date) WHERE cluster_id IS NOT NULL;
CREATE INDEX cases_source_case ON cases(source_case_id) WHERE source_case_id IS NOT NULL;
CREATE INDEX cases_sources ON cases(person_id) WHERE is_source;
CREATE UNIQUE INDEX cases_code ON cases(code) WHERE code IS NOT NULL;

-- An exposure of a person (the contact) to another (a case, or another contact).
CREATE TABLE exposures (
  id                bigserial PRIMARY KEY,
  person_id         bigint NOT NULL REFERENCES people(id),
  source_person_id  bigint NOT NULL REFERENCES people(id),
  unit_path         text COLLATE "C" NOT NULL,     -- the contact's
  exposed_on        date NOT NULL,
  place             text,
  setting           text NOT NULL DEFAULT 'other' CHECK (setting IN
                      ('household','workplace','school','market','vehicle','health_facility','gathering','entertainment','religious','other')),
  -- The Ministry's F1 criteria met (codes in src/domain/surveillance).
  f1_criteria       text[] NOT NULL DEFAULT '{}',
  note              text,
  import_job_id     bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id <> source_person_id),
  UNIQUE (person_id, source_person_id, exposed_on)
);
-- The graph is read both ways.
CREATE INDEX exposures_person ON exposures(person_id) INCLUDE (source_person_id, exposed_on);
CREATE INDEX exposures_source ON exposures(source_person_id) INCLUDE (person_id, exposed_on);
CREATE INDEX exposures_path_date ON exposures(unit_path, exposed_on);

-- Derived, kept current by the service (never audited row by row: the change that moved it is):
-- the distance of a person to the nearest active F0, and the step that gives it.
CREATE TABLE contact_degrees (
  person_id         bigint PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  degree            smallint NOT NULL CHECK (degree >= 1),
  via_person_id     bigint NOT NULL,
  via_exposure_id   bigint NOT NULL,
  root_case_id      bigint NOT NULL,
  unit_path         text COLLATE "C" NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_degrees_via ON contact_degrees(via_person_id);
CREATE INDEX contact_degrees_root ON contact_degrees(root_case_id);
CREATE INDEX contact_degrees_path ON contact_degrees(unit_path, degree);

-- Daily follow-up of a contact.
CREATE TABLE contact_followups (
  id              bigserial PRIMARY KEY,
  person_id       bigint NOT NULL REFERENCES people(id),
  unit_path       text COLLATE "C" NOT NULL,
  started_on      date NOT NULL,
  until           date NOT NULL CHECK (until >= started_on),
  tracer_user_id  bigint REFERENCES users(id),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','completed','became_case','lost','cancelled')),
  note            text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contact_followups_open ON contact_followups(person_id) WHERE status = 'active';
CREATE INDEX contact_followups_path ON contact_followups(unit_path, status, until);
CREATE INDEX contact_followups_tracer ON contact_followups(tracer_user_id, status) WHERE tracer_user_id IS NOT NULL;

CREATE TABLE followup_checks (
  id            bigserial PRIMARY KEY,
  followup_id   bigint NOT NULL REFERENCES contact_followups(id) ON DELETE CASCADE,
  checked_on    date NOT NULL,
  temperature   numeric(3,1) CHECK (temperature BETWEEN 30 AND 45),
  symptoms      text[] NOT NULL DEFAULT '{}',
  note          text,
  checked_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (followup_id, checked_on)
);

-- Zones: ring-fenced, locked-down or medically isolated areas, as units and hamlets or a drawn polygon.
CREATE TABLE zones (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('ring_fence','lockdown','medical_isolation')),
  unit_id       text NOT NULL REFERENCES units(id),   -- the unit that decided it
  unit_path     text COLLATE "C" NOT NULL,
  unit_ids      text[] NOT NULL DEFAULT '{}',         -- covered units or hamlets
  geometry      jsonb,                                -- GeoJSON Polygon/MultiPolygon when drawn
  starts_on     date NOT NULL,
  ends_on       date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  measures      text,
  decision_no   text,
  cluster_id    bigint REFERENCES clusters(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(unit_ids) > 0 OR geometry IS NOT NULL)
);
CREATE INDEX zones_path ON zones(unit_path, starts_on);

-- Copy the person's path on insert when the writer did not; carry it when the person moves.
CREATE FUNCTION person_row_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.unit_path INTO NEW.unit_path FROM people p WHERE p.id = NEW.person_id;
  RETURN NEW;
END $$;
CREATE TRIGGER cases_path BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
CREATE TRIGGER tests_path BEFORE INSERT ON tests FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
CREATE TRIGGER exposures_path BEFORE INSERT ON exposures FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
CREATE TRIGGER contact_degrees_path BEFORE INSERT ON contact_degrees FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
CREATE TRIGGER contact_followups_path BEFORE INSERT ON contact_followups FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
-- A merge moves rows to another person: they take that person's path.
CREATE TRIGGER cases_path_move BEFORE UPDATE OF person_id ON cases FOR EACH ROW EXECUTE FUNCTION person_row_path();
CREATE TRIGGER tests_path_move BEFORE UPDATE OF person_id ON tests FOR EACH ROW EXECUTE FUNCTION person_row_path();
CREATE TRIGGER exposures_path_move BEFORE UPDATE OF person_id ON exposures FOR EACH ROW EXECUTE FUNCTION person_row_path();
CREATE TRIGGER contact_followups_path_move BEFORE UPDATE OF person_id ON contact_followups FOR EACH ROW EXECUTE FUNCTION person_row_path();

CREATE FUNCTION people_path_surveillance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  UPDATE tests SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  UPDATE exposures SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  UPDATE contact_degrees SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  UPDATE contact_followups SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER people_path_surveillance AFTER UPDATE OF unit_path ON people
  FOR EACH ROW WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path) EXECUTE FUNCTION people_path_surveillance();

CREATE TRIGGER audit_surveillance_rules AFTER INSERT OR UPDATE OR DELETE ON surveillance_rules FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_person_refs AFTER INSERT OR UPDATE OR DELETE ON person_refs FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_clusters AFTER INSERT OR UPDATE OR DELETE ON clusters FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_test_campaigns AFTER INSERT OR UPDATE OR DELETE ON test_campaigns FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_test_pools AFTER INSERT OR UPDATE OR DELETE ON test_pools FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_tests AFTER INSERT OR UPDATE OR DELETE ON tests FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_cases AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_exposures AFTER INSERT OR UPDATE OR DELETE ON exposures FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_contact_followups AFTER INSERT OR UPDATE OR DELETE ON contact_followups FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_followup_checks AFTER INSERT OR UPDATE OR DELETE ON followup_checks FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_zones AFTER INSERT OR UPDATE OR DELETE ON zones FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The national defaults (editable; a province adds its own dated row).
INSERT INTO surveillance_rules (valid_from, unit_id, days_before_onset, days_before_sample, contact_follow_days, cluster_close_days, source, confidence, note) VALUES
  ('2020-01-01', NULL, 2, 2, 14, 28,
   'Bộ Y tế, hướng dẫn giám sát và phòng chống COVID-19 (2020–2021); QĐ 3638/QĐ-BYT ngày 30/7/2021 (định nghĩa F1, F2)',
   'secondary',
   'Thời kỳ lây: từ 2 ngày trước khởi phát (hoặc trước ngày lấy mẫu dương tính đầu tiên nếu không triệu chứng) đến khi được cách ly. Theo dõi tiếp xúc 14 ngày kể từ lần tiếp xúc cuối. Ổ dịch đóng sau 28 ngày (hai thời kỳ ủ bệnh) không có ca mới: mặc định, tỉnh tự chỉnh.');
