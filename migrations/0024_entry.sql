-- Entry and movement: domestic epidemic zones and ports of entry as dated data, arrivals from
-- abroad and from epidemic zones, medical checkpoints with their daily log, illegal entry cases
-- with their steps, and the local heads held accountable.
--
-- Jurisdiction: every row answering a caller carries the path of the unit it belongs to
-- (unit_path): the commune where an arrival stays, the commune of a checkpoint or of an illegal
-- crossing. Zones and ports belong to the province that keeps them (owner_path) and are read by
-- everyone inside it.

-- Domestic epidemic zones: a province, district or commune declared an epidemic zone for a period,
-- with the measure a person arriving from it must take and the document that says so.
CREATE TABLE entry_zones (
  id               serial PRIMARY KEY,
  owner_unit_id    text NOT NULL REFERENCES units(id),
  owner_path       text COLLATE "C" NOT NULL,
  zone_unit_id     text REFERENCES units(id),          -- the declared unit, when in the registry
  zone_path        text COLLATE "C",
  place_name       text NOT NULL CHECK (length(place_name) BETWEEN 1 AND 200),
  valid_from       date NOT NULL,
  valid_to         date CHECK (valid_to IS NULL OR valid_to >= valid_from),   -- last day in force
  measure          text NOT NULL CHECK (measure IN ('facility','home','monitoring')),
  monitoring_days  integer NOT NULL DEFAULT 14 CHECK (monitoring_days BETWEEN 0 AND 60),
  source           text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  confidence       text NOT NULL CHECK (confidence IN ('verified','secondary','unverified')),
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_zones_owner ON entry_zones(owner_path, valid_from);

-- Ports of entry of a province: airports, seaports, international and main border gates, and
-- secondary crossings (lối mở) along the border.
CREATE TABLE entry_ports (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('airport','seaport','border_gate','crossing')),
  unit_id     text NOT NULL REFERENCES units(id),
  unit_path   text COLLATE "C" NOT NULL,
  lon         double precision CHECK (lon BETWEEN -180 AND 180),
  lat         double precision CHECK (lat BETWEEN -90 AND 90),
  active      boolean NOT NULL DEFAULT true,
  source      text,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_ports_path ON entry_ports(unit_path);

-- An arrival, declared by the person (public form), by the host or by the commune. The declared
-- identity stays on the row until the commune links or creates the person in the registry.
CREATE TABLE entry_arrivals (
  id               bigserial PRIMARY KEY,
  unit_id          text NOT NULL REFERENCES units(id),   -- where they stay (temporary residence)
  unit_path        text COLLATE "C" NOT NULL,
  stay_address     text NOT NULL CHECK (length(stay_address) BETWEEN 1 AND 300),
  declared_by      text NOT NULL CHECK (declared_by IN ('self','host','commune')),
  declarant_name   text,
  declarant_phone  text,
  full_name        text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  birth_year       integer CHECK (birth_year BETWEEN 1900 AND 2100),
  sex              text CHECK (sex IN ('male','female','other')),
  national_id      text,
  passport_no      text,
  nationality      text NOT NULL DEFAULT 'VN' CHECK (nationality ~ '^[A-Z]{2}$'),
  phone            text,
  origin_kind      text NOT NULL CHECK (origin_kind IN ('abroad','domestic')),
  origin_country   text CHECK (origin_country ~ '^[A-Z]{2}$'),
  origin_unit_id   text REFERENCES units(id),
  origin_place     text,
  zone_id          integer REFERENCES entry_zones(id),
  port_id          integer REFERENCES entry_ports(id),
  arrived_on       date NOT NULL,
  transport        text,
  vaccinated       boolean NOT NULL DEFAULT false,
  person_id        bigint REFERENCES people(id),
  status           text NOT NULL DEFAULT 'new' CHECK (status IN ('new','placed','monitoring','no_action')),
  placement_id     bigint REFERENCES quarantine_placements(id),
  monitoring_until date,
  acted_by         bigint REFERENCES users(id),
  acted_at         timestamptz,
  created_by       bigint REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((origin_kind = 'abroad') = (origin_country IS NOT NULL)),
  CHECK (status <> 'placed' OR placement_id IS NOT NULL),
  CHECK (status <> 'monitoring' OR monitoring_until IS NOT NULL)
);
CREATE INDEX entry_arrivals_path ON entry_arrivals(unit_path, arrived_on DESC, id DESC);
CREATE INDEX entry_arrivals_open ON entry_arrivals(unit_path, arrived_on) WHERE status = 'new';
CREATE INDEX entry_arrivals_person ON entry_arrivals(person_id) WHERE person_id IS NOT NULL;

-- Medical checkpoints (chốt kiểm tra y tế), their activations, staff and daily log.
CREATE TABLE entry_checkpoints (
  id           serial PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  unit_id      text NOT NULL REFERENCES units(id),
  unit_path    text COLLATE "C" NOT NULL,
  location     text,
  lon          double precision CHECK (lon BETWEEN -180 AND 180),
  lat          double precision CHECK (lat BETWEEN -90 AND 90),
  org_id       bigint REFERENCES orgs(id),                 -- the body in charge
  active       boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, name)
);
CREATE INDEX entry_checkpoints_path ON entry_checkpoints(unit_path);

CREATE TABLE entry_checkpoint_events (
  id             bigserial PRIMARY KEY,
  checkpoint_id  integer NOT NULL REFERENCES entry_checkpoints(id) ON DELETE CASCADE,
  action         text NOT NULL CHECK (action IN ('activate','deactivate')),
  on_day         date NOT NULL,
  decision       text,
  by_user        bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_checkpoint_events_cp ON entry_checkpoint_events(checkpoint_id, on_day);

CREATE TABLE entry_checkpoint_staff (
  id             bigserial PRIMARY KEY,
  checkpoint_id  integer NOT NULL REFERENCES entry_checkpoints(id) ON DELETE CASCADE,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  role           text NOT NULL CHECK (length(role) BETWEEN 1 AND 120),
  org_id         bigint REFERENCES orgs(id),
  phone          text,
  from_on        date NOT NULL,
  to_on          date CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE INDEX entry_checkpoint_staff_cp ON entry_checkpoint_staff(checkpoint_id);

CREATE TABLE entry_checkpoint_logs (
  id                  bigserial PRIMARY KEY,
  checkpoint_id       integer NOT NULL REFERENCES entry_checkpoints(id) ON DELETE CASCADE,
  unit_path           text COLLATE "C" NOT NULL,
  day                 date NOT NULL,
  people_checked      integer NOT NULL CHECK (people_checked BETWEEN 0 AND 1000000),
  vehicles_checked    integer NOT NULL CHECK (vehicles_checked BETWEEN 0 AND 1000000),
  sent_to_quarantine  integer NOT NULL CHECK (sent_to_quarantine BETWEEN 0 AND 100000),
  note                text,
  by_user             bigint REFERENCES users(id),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (checkpoint_id, day),
  CHECK (sent_to_quarantine <= people_checked)
);

-- Illegal entry: a report of a crossing and the case it opens.
CREATE TABLE entry_illegal_cases (
  id               bigserial PRIMARY KEY,
  unit_id          text NOT NULL REFERENCES units(id),   -- the commune where they crossed or were found
  unit_path        text COLLATE "C" NOT NULL,
  point            text,                                 -- a landmark, a canal, a crossing's name
  lon              double precision CHECK (lon BETWEEN -180 AND 180),
  lat              double precision CHECK (lat BETWEEN -90 AND 90),
  occurred_at      timestamptz NOT NULL,
  reported_by      text NOT NULL CHECK (reported_by IN ('border_guard','police','commune','public')),
  reporter_org_id  bigint REFERENCES orgs(id),
  reporter_name    text,
  reporter_phone   text,
  people_count     integer NOT NULL CHECK (people_count BETWEEN 1 AND 1000),
  crossing         text NOT NULL CHECK (crossing IN ('on_foot','boat','vehicle','other','unknown')),
  crossing_note    text,
  guided_by        text,
  sheltered_by     text,
  found_living     boolean NOT NULL DEFAULT false,       -- found living in the commune, undetected
  description      text,
  stage            text NOT NULL DEFAULT 'reported' CHECK (stage IN ('reported','intercepted','handed_over','placed','concluded')),
  outcome          text,
  created_by       bigint REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_illegal_cases_path ON entry_illegal_cases(unit_path, occurred_at DESC, id DESC);

CREATE TABLE entry_illegal_people (
  id           bigserial PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES entry_illegal_cases(id) ON DELETE CASCADE,
  person_id    bigint NOT NULL REFERENCES people(id),
  unit_path    text COLLATE "C" NOT NULL,                -- the case's
  placement_id bigint REFERENCES quarantine_placements(id),
  UNIQUE (case_id, person_id)
);
CREATE INDEX entry_illegal_people_person ON entry_illegal_people(person_id);

-- Each step of a case, by a named body at a time.
CREATE TABLE entry_illegal_steps (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES entry_illegal_cases(id) ON DELETE CASCADE,
  unit_path   text COLLATE "C" NOT NULL,
  step        text NOT NULL CHECK (step IN ('interception','handover','placement','outcome')),
  org_id      bigint NOT NULL REFERENCES orgs(id),
  at          timestamptz NOT NULL,
  to_org_id   bigint REFERENCES orgs(id),                -- handover: the receiving body
  outcome     text,
  note        text,
  by_user     bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, step)
);

-- The local heads accountable for entrants found living undetected in their area.
CREATE TABLE entry_accountable_heads (
  id            bigserial PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES entry_illegal_cases(id) ON DELETE CASCADE,
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  org_id        bigint REFERENCES orgs(id),
  head_name     text NOT NULL,
  head_position text,
  reason        text NOT NULL,
  recorded_on   date NOT NULL,
  by_user       bigint REFERENCES users(id),
  UNIQUE (case_id, org_id)
);
CREATE INDEX entry_accountable_heads_path ON entry_accountable_heads(unit_path, recorded_on DESC);

CREATE TRIGGER audit_entry_zones AFTER INSERT OR UPDATE OR DELETE ON entry_zones FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_ports AFTER INSERT OR UPDATE OR DELETE ON entry_ports FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_arrivals AFTER INSERT OR UPDATE OR DELETE ON entry_arrivals FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_checkpoints AFTER INSERT OR UPDATE OR DELETE ON entry_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_checkpoint_events AFTER INSERT OR UPDATE OR DELETE ON entry_checkpoint_events FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_checkpoint_staff AFTER INSERT OR UPDATE OR DELETE ON entry_checkpoint_staff FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_checkpoint_logs AFTER INSERT OR UPDATE OR DELETE ON entry_checkpoint_logs FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_illegal_cases AFTER INSERT OR UPDATE OR DELETE ON entry_illegal_cases FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_illegal_people AFTER INSERT OR UPDATE OR DELETE ON entry_illegal_people FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_illegal_steps AFTER INSERT OR UPDATE OR DELETE ON entry_illegal_steps FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_entry_accountable_heads AFTER INSERT OR UPDATE OR DELETE ON entry_accountable_heads FOR EACH ROW EXECUTE FUNCTION audit_row();
