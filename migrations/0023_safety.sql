-- Facility COVID safety: the facility registry, checklists as versioned data (shipped national
-- sets synced from src/domain/safety/checklists/*.json; a province's versions beside them),
-- assessments scored by src/domain/safety/score.ts, the one-time codes that verify the contact of
-- a public self-assessment and its photos, and the result each facility shows on the public map.
--
-- Jurisdiction: a facility belongs to the unit it stands in (unit_path); its assessments carry the
-- same path. The head's name and phone are personal and never leave through a public route.

CREATE TABLE safety_checklists (
  id             serial PRIMARY KEY,
  key            text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_.-]{0,39}$'),
  version        integer NOT NULL CHECK (version >= 1),
  unit_id        text REFERENCES units(id),           -- NULL: shipped with the system
  unit_path      text COLLATE "C",
  name           text NOT NULL,
  kinds          text[] NOT NULL DEFAULT '{}',
  definition     jsonb NOT NULL,                      -- src/domain/safety/checklist.ts Checklist
  confidence     text NOT NULL CHECK (confidence IN ('verified','secondary','unverified')),
  completeness   text NOT NULL CHECK (completeness IN ('complete','partial','reconstructed')),
  reason         text,                                -- why this version was made
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((unit_id IS NULL) = (unit_path IS NULL))
);
CREATE UNIQUE INDEX safety_checklists_shipped ON safety_checklists(key, version) WHERE unit_id IS NULL;
CREATE UNIQUE INDEX safety_checklists_own ON safety_checklists(unit_id, key, version) WHERE unit_id IS NOT NULL;

CREATE TABLE safety_facilities (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  name_fold       text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('hospital','clinic','school','kindergarten','hotel','homestay','tourist_site','market','supermarket','restaurant','factory','office','transport_station','religious_site','other')),
  unit_id         text NOT NULL REFERENCES units(id),
  unit_path       text COLLATE "C" NOT NULL,
  address         text CHECK (length(address) <= 500),
  address_fold    text NOT NULL DEFAULT '',
  lon             double precision CHECK (lon BETWEEN -180 AND 180),
  lat             double precision CHECK (lat BETWEEN -90 AND 90),
  head_name       text CHECK (length(head_name) <= 200),   -- personal
  head_phone      text CHECK (length(head_phone) <= 20),   -- personal
  workers         integer CHECK (workers BETWEEN 0 AND 1000000),
  students        integer CHECK (students BETWEEN 0 AND 1000000),
  rooms           integer CHECK (rooms BETWEEN 0 AND 100000),
  daily_visitors  integer CHECK (daily_visitors BETWEEN 0 AND 10000000),
  checklist_key   text,                                     -- NULL: the default for its kind
  token           text NOT NULL UNIQUE CHECK (length(token) >= 20),  -- the public form's link
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
  import_job_id   bigint REFERENCES jobs(id),
  -- The result shown (the map's colour): written by refresh from safety_current_results.
  result_id       bigint,
  band            text,
  band_level      smallint CHECK (band_level BETWEEN 1 AND 5),
  assessed_at     timestamptz,
  valid_until     date,
  result_source   text CHECK (result_source IN ('self','officer','inspection')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX safety_facilities_path ON safety_facilities(unit_path, id);
CREATE INDEX safety_facilities_place ON safety_facilities(lon, lat) WHERE lon IS NOT NULL AND status = 'active';
CREATE INDEX safety_facilities_name ON safety_facilities(name_fold, address_fold);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX safety_facilities_name_trgm ON safety_facilities USING gin (name_fold gin_trgm_ops)';
  END IF;
END $$;

CREATE TABLE safety_assessments (
  id             bigserial PRIMARY KEY,
  facility_id    bigint NOT NULL REFERENCES safety_facilities(id),
  unit_path      text COLLATE "C" NOT NULL,
  checklist_id   integer NOT NULL REFERENCES safety_checklists(id),
  source         text NOT NULL CHECK (source IN ('self','officer','inspection')),
  answers        jsonb NOT NULL,
  points         numeric(10,2) NOT NULL,
  max_points     numeric(10,2) NOT NULL,
  percent        numeric(5,1) NOT NULL,
  band           text NOT NULL,
  band_level     smallint NOT NULL CHECK (band_level BETWEEN 1 AND 5),
  critical       jsonb NOT NULL DEFAULT '[]',
  assessed_at    timestamptz NOT NULL,
  valid_until    date NOT NULL,
  contact        text,                                  -- the verified contact (personal)
  contact_name   text,
  note           text,
  reminded_at    timestamptz,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_assessments_facility ON safety_assessments(facility_id, assessed_at DESC);
CREATE INDEX safety_assessments_due ON safety_assessments(valid_until) WHERE reminded_at IS NULL;

-- Photos sent as proof with an assessment (uploads of purpose 'attachment', held while linked).
CREATE TABLE safety_photos (
  id             bigserial PRIMARY KEY,
  facility_id    bigint NOT NULL REFERENCES safety_facilities(id),
  code_id        bigint,
  assessment_id  bigint REFERENCES safety_assessments(id),
  upload_id      bigint NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_photos_assessment ON safety_photos(assessment_id);
CREATE INDEX safety_photos_code ON safety_photos(code_id);

-- One-time codes of the public form: sent to the contact, kept as a hash; a verified code gives a
-- short-lived proof (hash kept) that lets photos and one assessment be sent.
CREATE TABLE safety_codes (
  id             bigserial PRIMARY KEY,
  facility_id    bigint NOT NULL REFERENCES safety_facilities(id),
  contact        text NOT NULL,
  code_hash      text NOT NULL,
  attempts       integer NOT NULL DEFAULT 0,
  expires_at     timestamptz NOT NULL,
  verified_at    timestamptz,
  proof_hash     text UNIQUE,
  proof_expires_at timestamptz,
  used_at        timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_codes_facility ON safety_codes(facility_id, created_at DESC);

-- The result a facility shows: an inspection still valid wins over any self-assessment (the
-- enforcement context writes its findings as assessments of source 'inspection'); otherwise the
-- latest assessment. safety/repo.ts refreshResults copies this into safety_facilities.
CREATE VIEW safety_current_results AS
SELECT DISTINCT ON (a.facility_id)
  a.facility_id, a.id AS assessment_id, a.band, a.band_level, a.assessed_at, a.valid_until, a.source
FROM safety_assessments a
ORDER BY a.facility_id, (a.source = 'inspection' AND a.valid_until >= CURRENT_DATE) DESC, a.assessed_at DESC, a.id DESC;

CREATE TRIGGER audit_safety_checklists AFTER INSERT OR UPDATE OR DELETE ON safety_checklists FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_safety_facilities AFTER INSERT OR UPDATE OR DELETE ON safety_facilities FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_safety_assessments AFTER INSERT OR UPDATE OR DELETE ON safety_assessments FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_safety_photos AFTER INSERT OR UPDATE OR DELETE ON safety_photos FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_safety_codes AFTER INSERT OR UPDATE OR DELETE ON safety_codes FOR EACH ROW EXECUTE FUNCTION audit_row();
