-- Epidemic levels (Resolution 128/NQ-CP): the rule sets as dated data, and the weekly assessment of
-- each unit with its inputs, computed level, indicators, reasons, override and publication.
--
-- National rule sets are written from src/domain/levels/rulesets/*.json (synced by the levels
-- context when missing or of an older version) and are read-only; a province forks one into a
-- dated variant of its own (unit_id = the province) and edits it.
CREATE TABLE level_rule_sets (
  id            serial PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,60}$'),
  base_code     text,
  unit_id       text REFERENCES units(id),
  unit_path     text COLLATE "C",
  read_only     boolean NOT NULL DEFAULT false,
  name          text NOT NULL,
  document      text NOT NULL,
  valid_from    date NOT NULL,
  valid_to      date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  version       integer NOT NULL CHECK (version >= 1),
  definition    jsonb NOT NULL,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (read_only = (unit_id IS NULL)),
  CHECK ((unit_id IS NULL) = (unit_path IS NULL))
);
CREATE INDEX level_rule_sets_unit ON level_rule_sets(unit_id, valid_from) WHERE unit_id IS NOT NULL;

-- A national set changes only through the sync (which sets phongdich.levels_sync for its transaction).
CREATE FUNCTION level_rule_sets_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.read_only AND coalesce(current_setting('phongdich.levels_sync', true), '') <> 'on' THEN
    RAISE EXCEPTION 'Bộ tiêu chí quốc gia % chỉ được đọc; hãy tạo bản của tỉnh để sửa.', OLD.code USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER level_rule_sets_guard BEFORE UPDATE OR DELETE ON level_rule_sets FOR EACH ROW EXECUTE FUNCTION level_rule_sets_read_only();

CREATE TABLE level_assessments (
  id              bigserial PRIMARY KEY,
  unit_id         text NOT NULL REFERENCES units(id),
  unit_path       text COLLATE "C" NOT NULL,
  -- The ISO week, by its Monday.
  week_start      date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  rule_set_id     integer NOT NULL REFERENCES level_rule_sets(id),
  -- The week's aggregate figures as the assessment contract takes them (no person-level data).
  inputs          jsonb NOT NULL,
  source          text NOT NULL CHECK (source IN ('entered', 'imported', 'surveillance')),
  -- NULL while the inputs lack a field the rule set needs (reasons say which).
  computed_level  smallint CHECK (computed_level BETWEEN 1 AND 4),
  indicators      jsonb NOT NULL DEFAULT '[]',
  reasons         jsonb NOT NULL DEFAULT '[]',
  confidence      text CHECK (confidence IN ('verified', 'secondary', 'unverified')),
  override_level  smallint CHECK (override_level BETWEEN 1 AND 4),
  override_reason text,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'published')),
  effective_from  date,
  reviewed_by     bigint REFERENCES users(id),
  reviewed_at     timestamptz,
  published_by    bigint REFERENCES users(id),
  published_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, week_start),
  CHECK (override_level IS NULL OR length(btrim(coalesce(override_reason, ''))) > 0),
  CHECK (status <> 'published' OR (effective_from IS NOT NULL AND coalesce(override_level, computed_level) IS NOT NULL))
);
CREATE INDEX level_assessments_path ON level_assessments(unit_path, week_start);
-- The level in force: the latest published assessment whose date has come.
CREATE INDEX level_assessments_in_force ON level_assessments(unit_id, effective_from DESC, week_start DESC) WHERE status = 'published';

CREATE TRIGGER audit_level_rule_sets AFTER INSERT OR UPDATE OR DELETE ON level_rule_sets FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_level_assessments AFTER INSERT OR UPDATE OR DELETE ON level_assessments FOR EACH ROW EXECUTE FUNCTION audit_row();
