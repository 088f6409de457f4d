-- Whether the caller reaches an assignment's body is decided by the path of the body's unit. The
-- path is kept on the assignment (org_unit_path, byte order) so that "does this directive have an
-- assignment the caller sees" is one index probe on (directive_id, org_unit_path), not a join
-- through orgs and units for every directive of a year.
ALTER TABLE task_assignments ADD COLUMN org_unit_path text COLLATE "C";
-- The day work was passed on to the body when that is after the directive's date (a sub-assignment):
-- its periodic reports are due from then, not from the directive's date.
ALTER TABLE task_assignments ADD COLUMN assigned_on date;
UPDATE task_assignments a SET org_unit_path = u.path FROM orgs o JOIN units u ON u.id = o.unit_id WHERE o.id = a.org_id;
ALTER TABLE task_assignments ALTER COLUMN org_unit_path SET NOT NULL;
CREATE INDEX task_assignments_directive_reach ON task_assignments(directive_id, org_unit_path) INCLUDE (org_id);
DROP INDEX task_assignments_directive;
-- The sweep takes due assignments in (next_check_at, id) order: all of a first sweep's are due at
-- '-infinity', so an index on the instant alone would make every batch sort them all by id.
CREATE INDEX task_assignments_due ON task_assignments(next_check_at, id) WHERE next_check_at IS NOT NULL;
DROP INDEX task_assignments_next_check;

CREATE FUNCTION task_assignment_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT u.path INTO NEW.org_unit_path FROM orgs o JOIN units u ON u.id = o.unit_id WHERE o.id = NEW.org_id;
  RETURN NEW;
END $$;
CREATE TRIGGER task_assignment_org_path BEFORE INSERT OR UPDATE OF org_id ON task_assignments
  FOR EACH ROW EXECUTE FUNCTION task_assignment_org_path();

-- A body moved to another unit, or a unit whose path changes, carries its assignments along.
CREATE FUNCTION org_unit_paths_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task_assignments a SET org_unit_path = u.path
    FROM units u WHERE u.id = NEW.unit_id AND a.org_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER org_unit_paths_assignments AFTER UPDATE OF unit_id ON orgs
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id) EXECUTE FUNCTION org_unit_paths_assignments();

CREATE FUNCTION unit_path_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task_assignments a SET org_unit_path = NEW.path
    FROM orgs o WHERE o.unit_id = NEW.id AND a.org_id = o.id;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_path_assignments AFTER UPDATE OF path ON units
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION unit_path_assignments();

-- Every row was rewritten: fresh statistics now, so the first queries after the upgrade plan well.
ANALYZE task_assignments;
