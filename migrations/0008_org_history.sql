-- Bodies across time: like units, bodies carry validity dates, and an abolished body names the
-- bodies that took over its work (merged into one, renamed, split between several, or its work
-- transferred to an existing body). Open assignments of an abolished body pass to its successors;
-- the assignment keeps where it came from and a note the assigned body can read.

ALTER TABLE orgs ADD COLUMN valid_from date;
ALTER TABLE orgs ADD COLUMN valid_to date;
ALTER TABLE orgs ADD CONSTRAINT orgs_validity CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to);
CREATE INDEX orgs_valid_to ON orgs(valid_to);
-- The unit a body served in its own time (a pre-2025 district, the old province), when that differs
-- from `unit_id`: a historical body sits in today's tree for jurisdiction (who sees its record).
ALTER TABLE orgs ADD COLUMN served_unit_id text REFERENCES units(id);

CREATE TABLE org_successors (
  id            bigserial PRIMARY KEY,
  org_id        bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  successor_id  bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('merged','renamed','split','transferred')),
  effective_on  date NOT NULL,                 -- first day the successor carries the work
  note          text,                          -- the basis (decision) or what is assumed
  UNIQUE (org_id, successor_id),
  CHECK (org_id <> successor_id)
);
CREATE INDEX org_successors_successor ON org_successors(successor_id);

ALTER TABLE task_assignments ADD COLUMN transferred_from bigint REFERENCES orgs(id);
ALTER TABLE task_assignments ADD COLUMN transfer_note text;

CREATE TRIGGER audit_org_successors AFTER INSERT OR UPDATE OR DELETE ON org_successors FOR EACH ROW EXECUTE FUNCTION audit_row();
-- The row trigger on task_assignments (0002) already records a change of body; a changed note too.
CREATE TRIGGER audit_task_assignments_transfer AFTER UPDATE ON task_assignments FOR EACH ROW
  WHEN (OLD.org_id IS NOT DISTINCT FROM NEW.org_id AND OLD.transfer_note IS DISTINCT FROM NEW.transfer_note)
  EXECUTE FUNCTION audit_row();
