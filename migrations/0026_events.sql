-- Gatherings and events: the rules per epidemic level as dated data (national, or a province's own
-- variant), and the events registered by organisers with their health advice and decision.
--
-- Jurisdiction: an event carries the path of the unit where it takes place (unit_path).

CREATE TABLE event_rule_sets (
  id          serial PRIMARY KEY,
  -- NULL: national (shipped). A province's own variant names its unit and wins inside it.
  unit_id     text REFERENCES units(id),
  valid_from  date NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- src/domain/events/rules.ts (EventRuleSet): per level and setting, a verdict, an attendance
  -- limit and conditions, each with its source and confidence mark; the high-risk countries.
  definition  jsonb NOT NULL,
  reason      text,
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX event_rule_sets_national ON event_rule_sets(valid_from) WHERE unit_id IS NULL;
CREATE UNIQUE INDEX event_rule_sets_own ON event_rule_sets(unit_id, valid_from) WHERE unit_id IS NOT NULL;

CREATE TABLE events (
  id                   bigserial PRIMARY KEY,
  unit_id              text NOT NULL REFERENCES units(id),
  unit_path            text COLLATE "C" NOT NULL,
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  organiser            text NOT NULL CHECK (length(organiser) BETWEEN 1 AND 300),
  -- The organiser's contact person: personal, never on the public list.
  contact_name         text,
  contact_phone        text,
  place                text NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
  setting              text NOT NULL CHECK (setting IN ('indoor','outdoor')),
  starts_on            date NOT NULL,
  start_time           text CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  ends_on              date NOT NULL,
  expected_attendance  integer NOT NULL CHECK (expected_attendance BETWEEN 1 AND 1000000),
  foreign_guests       integer NOT NULL DEFAULT 0 CHECK (foreign_guests BETWEEN 0 AND 1000000),
  countries            text[] NOT NULL DEFAULT '{}',     -- ISO 3166-1 alpha-2
  purpose              text,
  status               text NOT NULL DEFAULT 'submitted'
                       CHECK (status IN ('submitted','advice_requested','advised','approved','approved_with_conditions','refused')),
  -- What the rules in force said when the event was registered (level, verdict, limit, reasons).
  assessment           jsonb NOT NULL,
  advice_requested_at  timestamptz,
  advice_requested_by  integer REFERENCES users(id),
  advice_to            text,
  advice_text          text,
  advised_at           timestamptz,
  advised_by           integer REFERENCES users(id),
  decision_conditions  text[] NOT NULL DEFAULT '{}',
  decision_reason      text,
  decision_number      text,
  decided_at           timestamptz,
  decided_by           integer REFERENCES users(id),
  created_by           integer REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK (foreign_guests = 0 OR cardinality(countries) > 0),
  CHECK (status NOT IN ('advised') OR advice_text IS NOT NULL),
  CHECK (status <> 'approved_with_conditions' OR cardinality(decision_conditions) > 0)
);
-- The calendar of a unit: by place then date.
CREATE INDEX events_calendar ON events(unit_path, starts_on, id);
-- The public list: approved events by date.
CREATE INDEX events_public ON events(starts_on, id) WHERE status IN ('approved','approved_with_conditions');

CREATE TRIGGER audit_event_rule_sets AFTER INSERT OR UPDATE OR DELETE ON event_rule_sets FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_events AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION audit_row();
