-- Enforcement: inspection plans and visits (findings scored against the safety checklist and stored
-- as a safety assessment of source 'inspection', which the public map then shows), violations with
-- their legal basis, the head held responsible, the sanction and the follow-up until closed, and the
-- commendation and discipline records of bodies and people.
--
-- Jurisdiction: every row carries the path of its unit (the facility's, or the body's) in unit_path.

CREATE TABLE inspection_plans (
  id          bigserial PRIMARY KEY,
  unit_id     text NOT NULL REFERENCES units(id),
  unit_path   text COLLATE "C" NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  team        text NOT NULL CHECK (length(team) BETWEEN 1 AND 300),   -- the commune's or department's team
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  note        text,
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX inspection_plans_path ON inspection_plans(unit_path, starts_on);

CREATE TABLE inspections (
  id             bigserial PRIMARY KEY,
  plan_id        bigint REFERENCES inspection_plans(id),
  facility_id    bigint NOT NULL REFERENCES safety_facilities(id),
  unit_path      text COLLATE "C" NOT NULL,
  visited_on     date NOT NULL,
  inspectors     text NOT NULL CHECK (length(inspectors) BETWEEN 1 AND 500),
  -- The finding, scored against the facility's checklist and stored in safety (source 'inspection').
  assessment_id  bigint NOT NULL REFERENCES safety_assessments(id),
  band           text NOT NULL,
  note           text,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_path ON inspections(unit_path, visited_on, id);
CREATE INDEX inspections_facility ON inspections(facility_id, visited_on);

CREATE TABLE violations (
  id                 bigserial PRIMARY KEY,
  inspection_id      bigint REFERENCES inspections(id),
  facility_id        bigint NOT NULL REFERENCES safety_facilities(id),
  unit_path          text COLLATE "C" NOT NULL,
  description        text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  legal_basis        text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
  -- The head of the facility held responsible (personal).
  responsible_name   text NOT NULL CHECK (length(responsible_name) BETWEEN 1 AND 120),
  responsible_title  text,
  sanction           text NOT NULL CHECK (sanction IN ('warning','fine','suspension','other')),
  fine_amount        bigint CHECK (fine_amount IS NULL OR fine_amount BETWEEN 0 AND 10000000000),
  sanction_note      text,
  due_on             date,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  closed_on          date,
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (sanction <> 'fine' OR fine_amount IS NOT NULL),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX violations_path ON violations(unit_path, status, id);

CREATE TABLE violation_followups (
  id            bigserial PRIMARY KEY,
  violation_id  bigint NOT NULL REFERENCES violations(id),
  unit_path     text COLLATE "C" NOT NULL,
  on_date       date NOT NULL,
  note          text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  closes        boolean NOT NULL DEFAULT false,
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX violation_followups_violation ON violation_followups(violation_id, on_date);

-- Commendations (khen thưởng) and discipline (kỷ luật) of a body or a person, by which decision.
CREATE TABLE recognitions (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('commendation','discipline')),
  org_id        bigint REFERENCES orgs(id),
  person_name   text CHECK (person_name IS NULL OR length(person_name) BETWEEN 1 AND 120),
  person_title  text,
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  form          text NOT NULL CHECK (length(form) BETWEEN 1 AND 200),     -- Bằng khen, Giấy khen, Khiển trách, Cảnh cáo…
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  decision_ref  text NOT NULL CHECK (length(decision_ref) BETWEEN 1 AND 200),
  decided_on    date NOT NULL,
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (org_id IS NOT NULL OR person_name IS NOT NULL)
);
CREATE INDEX recognitions_path ON recognitions(unit_path, decided_on);
CREATE INDEX recognitions_org ON recognitions(org_id) WHERE org_id IS NOT NULL;

CREATE TRIGGER audit_inspection_plans AFTER INSERT OR UPDATE OR DELETE ON inspection_plans FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_inspections AFTER INSERT OR UPDATE OR DELETE ON inspections FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_violations AFTER INSERT OR UPDATE OR DELETE ON violations FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_violation_followups AFTER INSERT OR UPDATE OR DELETE ON violation_followups FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_recognitions AFTER INSERT OR UPDATE OR DELETE ON recognitions FOR EACH ROW EXECUTE FUNCTION audit_row();
