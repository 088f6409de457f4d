-- Platform: administrative units, organisations, people, access, audit, jobs.

CREATE TABLE units (
  id            text PRIMARY KEY,              -- '<period>:<code>', e.g. '2025:91', '2008:91'
  period        text NOT NULL,                 -- '2025' (from 1 July 2025) or '2008' (before)
  code          text NOT NULL,
  name          text NOT NULL,
  name_en       text,
  name_fold     text NOT NULL,                 -- lowercase, no diacritics: for search
  unit_type     text NOT NULL,
  level         text NOT NULL CHECK (level IN ('province','district','commune','hamlet','group')),
  parent_id     text REFERENCES units(id) DEFERRABLE,
  path          text NOT NULL,                 -- '/2025:91/2025:30292/': jurisdiction is a prefix match
  valid_from    date,
  valid_to      date,
  local         boolean NOT NULL DEFAULT false, -- created by users (below the commune)
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (period, code)
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path text_pattern_ops);
CREATE INDEX units_code ON units(code);

CREATE TABLE unit_links (
  old_id   text NOT NULL REFERENCES units(id),
  new_id   text NOT NULL REFERENCES units(id),
  kind     text NOT NULL CHECK (kind IN ('full','partial')),
  PRIMARY KEY (old_id, new_id)
);
CREATE INDEX unit_links_new ON unit_links(new_id);

CREATE TABLE unit_populations (
  unit_id     text NOT NULL REFERENCES units(id),
  year        integer NOT NULL,
  population  integer NOT NULL CHECK (population >= 0),
  source      text NOT NULL,
  method      text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, year)
);

CREATE TABLE unit_boundaries (
  unit_id     text PRIMARY KEY REFERENCES units(id),
  geometry    jsonb NOT NULL,
  area_km2    double precision,
  source      text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orgs (
  id             bigserial PRIMARY KEY,
  key            text UNIQUE,
  name           text NOT NULL,
  name_fold      text NOT NULL,
  kind           text NOT NULL,
  parent_id      bigint REFERENCES orgs(id) DEFERRABLE,
  unit_id        text NOT NULL REFERENCES units(id),
  head_name      text,
  head_position  text,
  aliases        text[] NOT NULL DEFAULT '{}',
  aliases_fold   text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orgs_unit ON orgs(unit_id);
CREATE INDEX orgs_parent ON orgs(parent_id);

CREATE TABLE org_groups (
  key      text PRIMARY KEY,
  name     text NOT NULL,
  aliases  text[] NOT NULL DEFAULT '{}',
  members  jsonb NOT NULL
);

CREATE TABLE users (
  id               bigserial PRIMARY KEY,
  username         text NOT NULL UNIQUE,
  password_hash    text NOT NULL,
  display_name     text NOT NULL,
  role             text NOT NULL,
  unit_id          text NOT NULL REFERENCES units(id),
  org_id           bigint REFERENCES orgs(id),
  active           boolean NOT NULL DEFAULT true,
  failed_logins    integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  last_login_at    timestamptz,
  locale           text NOT NULL DEFAULT 'vi',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id          text PRIMARY KEY,               -- sha256 of the cookie token
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- People: the person registry that every person-level context (cases, contacts,
-- quarantine, entry, vaccination) refers to. Jurisdiction is the unit of residence.
CREATE TABLE people (
  id           bigserial PRIMARY KEY,
  full_name    text NOT NULL,
  name_fold    text NOT NULL,
  birth_year   integer,
  birth_date   date,
  sex          text CHECK (sex IN ('male','female','other')),
  national_id  text,
  phone        text,
  unit_id      text NOT NULL REFERENCES units(id),
  unit_path    text NOT NULL,
  address      text,
  nationality  text NOT NULL DEFAULT 'VN',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_path ON people(unit_path text_pattern_ops);
CREATE UNIQUE INDEX people_national_id ON people(national_id) WHERE national_id IS NOT NULL;

-- Append-only audit log. Writes are captured by triggers so no code path can forget;
-- reads of personal data are recorded by the repositories that perform them.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id     bigint,
  actor_name   text,
  action       text NOT NULL,                 -- insert | update | delete | read | login | logout | login_failed | job
  entity       text NOT NULL,
  entity_id    text,
  unit_path    text,
  before       jsonb,
  after        jsonb,
  request_id   text
);
CREATE INDEX audit_at ON audit_log(at DESC);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_actor ON audit_log(actor_id);

CREATE FUNCTION audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('phongdich.restoring', true) = 'on' THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();

CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b jsonb;
  a jsonb;
  rec jsonb;
BEGIN
  -- Restores and bulk reference loads write their own summary entry instead of one per row.
  IF current_setting('phongdich.restoring', true) = 'on' OR current_setting('phongdich.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN b := to_jsonb(OLD) - 'password_hash' - 'name_fold' - 'aliases_fold' - 'geometry' - 'content'; END IF;
  IF TG_OP <> 'DELETE' THEN a := to_jsonb(NEW) - 'password_hash' - 'name_fold' - 'aliases_fold' - 'geometry' - 'content'; END IF;
  IF TG_OP = 'UPDATE' AND b = a THEN RETURN NULL; END IF;
  rec := COALESCE(a, b);
  INSERT INTO audit_log(actor_id, actor_name, action, entity, entity_id, unit_path, before, after, request_id)
  VALUES (
    NULLIF(current_setting('phongdich.actor_id', true), '')::bigint,
    COALESCE(NULLIF(current_setting('phongdich.actor_name', true), ''), 'system'),
    lower(TG_OP), TG_TABLE_NAME,
    COALESCE(rec->>'id', rec->>'unit_id', rec->>'key'),
    COALESCE(rec->>'unit_path', rec->>'path'),
    b, a,
    NULLIF(current_setting('phongdich.request_id', true), '')
  );
  RETURN NULL;
END $$;



CREATE TABLE jobs (
  id                bigserial PRIMARY KEY,
  kind              text NOT NULL,
  status            text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed','cancelled')),
  title             text NOT NULL,
  payload           jsonb NOT NULL DEFAULT '{}',
  checkpoint        jsonb,
  result            jsonb,
  error             text,
  progress_done     integer NOT NULL DEFAULT 0,
  progress_total    integer,
  message           text,
  cancel_requested  boolean NOT NULL DEFAULT false,
  attempts          integer NOT NULL DEFAULT 0,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  heartbeat_at      timestamptz,
  finished_at       timestamptz
);
CREATE INDEX jobs_status ON jobs(status, id);

CREATE TABLE job_files (
  job_id     bigint PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  file_name  text NOT NULL,
  content    bytea NOT NULL
);

CREATE TABLE settings (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);

CREATE TRIGGER audit_units AFTER INSERT OR UPDATE OR DELETE ON units FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_unit_links AFTER INSERT OR UPDATE OR DELETE ON unit_links FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_unit_populations AFTER INSERT OR UPDATE OR DELETE ON unit_populations FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_unit_boundaries AFTER INSERT OR UPDATE OR DELETE ON unit_boundaries FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_orgs AFTER INSERT OR UPDATE OR DELETE ON orgs FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_org_groups AFTER INSERT OR UPDATE OR DELETE ON org_groups FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_users AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_people AFTER INSERT OR UPDATE OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_settings AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_jobs_insert AFTER INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_jobs_state AFTER UPDATE ON jobs FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.cancel_requested IS DISTINCT FROM NEW.cancel_requested)
  EXECUTE FUNCTION audit_row();
