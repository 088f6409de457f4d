-- Visits assigned under an inspection plan: which facility the team visits on which day and who
-- goes; the visit is done when an inspection of the facility is recorded under the plan.
--
-- Jurisdiction: a visit carries the path of the facility's unit (unit_path).

CREATE TABLE inspection_visits (
  id             bigserial PRIMARY KEY,
  plan_id        bigint NOT NULL REFERENCES inspection_plans(id),
  facility_id    bigint NOT NULL REFERENCES safety_facilities(id),
  unit_path      text COLLATE "C" NOT NULL,
  planned_on     date NOT NULL,
  assignee       text CHECK (assignee IS NULL OR length(assignee) BETWEEN 1 AND 200),
  inspection_id  bigint REFERENCES inspections(id),
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, facility_id)
);
CREATE INDEX inspection_visits_path ON inspection_visits(unit_path, planned_on);

CREATE TRIGGER audit_inspection_visits AFTER INSERT OR UPDATE OR DELETE ON inspection_visits FOR EACH ROW EXECUTE FUNCTION audit_row();
