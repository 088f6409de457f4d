-- Directives at a real year's volume: the read model the dashboards, the per-body page and the
-- sweep use without loading every assignment.
--
-- task_assignments gains
--   directive_id   its task's directive (filled by a trigger), for joins and indexes;
--   issued_on      the directive's date once it is no longer a draft (null for drafts), so periods
--                  and "not a draft" are answered from the assignment's own indexes;
--   next_check_at  the next moment its stored status can change with the clock alone (computed
--                  by assignmentNextCheck in src/domain/directives/status.ts); null when only a
--                  report or a review can change it. The sweep takes due rows in batches.
ALTER TABLE task_assignments
  ADD COLUMN directive_id  bigint REFERENCES directives(id) ON DELETE CASCADE,
  ADD COLUMN issued_on     date,
  ADD COLUMN next_check_at timestamptz;

-- Existing open assignments are checked by the first sweep after the upgrade.
UPDATE task_assignments a
   SET directive_id = t.directive_id,
       issued_on = CASE WHEN d.status <> 'draft' THEN d.issued_on END,
       next_check_at = CASE WHEN d.status <> 'draft' AND a.status <> 'done' THEN '-infinity'::timestamptz END
  FROM directive_tasks t JOIN directives d ON d.id = t.directive_id
 WHERE t.id = a.task_id;

ALTER TABLE task_assignments ALTER COLUMN directive_id SET NOT NULL;

CREATE INDEX task_assignments_next_check ON task_assignments(next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX task_assignments_directive ON task_assignments(directive_id);
CREATE INDEX task_assignments_org_issued ON task_assignments(org_id, issued_on DESC, directive_id DESC, id) WHERE issued_on IS NOT NULL;
CREATE INDEX task_assignments_late ON task_assignments(overdue_since, id) WHERE status = 'late' AND issued_on IS NOT NULL;
CREATE INDEX task_assignments_issued ON task_assignments(issued_on) WHERE issued_on IS NOT NULL;
CREATE INDEX directives_listed ON directives(issued_on DESC, id DESC) WHERE status <> 'draft';
DROP INDEX IF EXISTS task_assignments_status;

-- The directive and date of an assignment come from its task.
CREATE FUNCTION task_assignment_directive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.directive_id IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT t.directive_id, CASE WHEN d.status <> 'draft' THEN d.issued_on END
    INTO NEW.directive_id, NEW.issued_on
    FROM directive_tasks t JOIN directives d ON d.id = t.directive_id
   WHERE t.id = NEW.task_id;
  IF TG_OP = 'INSERT' AND NEW.issued_on IS NOT NULL AND NEW.status <> 'done' AND NEW.next_check_at IS NULL THEN
    NEW.next_check_at := '-infinity';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER task_assignment_directive BEFORE INSERT OR UPDATE OF task_id ON task_assignments
  FOR EACH ROW EXECUTE FUNCTION task_assignment_directive();

-- Issuing a draft (or correcting a date) dates its assignments and puts them on the sweep's list.
CREATE FUNCTION directive_dates_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task_assignments
     SET issued_on = CASE WHEN NEW.status <> 'draft' THEN NEW.issued_on END,
         next_check_at = CASE WHEN NEW.status <> 'draft' AND status <> 'done' THEN coalesce(next_check_at, '-infinity') END
   WHERE directive_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER directive_dates_assignments AFTER UPDATE OF status, issued_on ON directives
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.issued_on IS DISTINCT FROM NEW.issued_on)
  EXECUTE FUNCTION directive_dates_assignments();

-- Counts of assignments per status by month of the directive's date, directive unit, issuer and
-- assigned body: what the dashboard totals and the per-body counts add up. Every change to an
-- assignment's status, body or date appends its difference to directive_status_changes (insert
-- only, so concurrent writers never wait on each other); the sweep folds the changes into
-- directive_status_counts. Readers add both.
CREATE TABLE directive_status_counts (
  month          date NOT NULL,
  unit_path      text NOT NULL,
  issuer_org_id  bigint NOT NULL, -- 0: the issuer is not in the registry
  org_id         bigint NOT NULL,
  done           integer NOT NULL DEFAULT 0,
  on_time        integer NOT NULL DEFAULT 0,
  late           integer NOT NULL DEFAULT 0,
  not_started    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, org_id, unit_path, issuer_org_id)
);
CREATE TABLE directive_status_changes (
  month          date NOT NULL,
  unit_path      text NOT NULL,
  issuer_org_id  bigint NOT NULL,
  org_id         bigint NOT NULL,
  done           integer NOT NULL,
  on_time        integer NOT NULL,
  late           integer NOT NULL,
  not_started    integer NOT NULL
);

CREATE FUNCTION directive_status_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO directive_status_changes
    SELECT date_trunc('month', x.issued_on)::date, d.unit_path, coalesce(d.issuer_org_id, 0), x.org_id,
           count(*) FILTER (WHERE x.status = 'done'), count(*) FILTER (WHERE x.status = 'on_time'),
           count(*) FILTER (WHERE x.status = 'late'), count(*) FILTER (WHERE x.status = 'not_started')
      FROM new_rows x JOIN directives d ON d.id = x.directive_id
     WHERE x.issued_on IS NOT NULL
     GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO directive_status_changes
    SELECT date_trunc('month', x.issued_on)::date, d.unit_path, coalesce(d.issuer_org_id, 0), x.org_id,
           -count(*) FILTER (WHERE x.status = 'done'), -count(*) FILTER (WHERE x.status = 'on_time'),
           -count(*) FILTER (WHERE x.status = 'late'), -count(*) FILTER (WHERE x.status = 'not_started')
      FROM old_rows x JOIN directives d ON d.id = x.directive_id
     WHERE x.issued_on IS NOT NULL
     GROUP BY 1, 2, 3, 4;
  ELSE
    INSERT INTO directive_status_changes
    SELECT date_trunc('month', x.issued_on)::date, d.unit_path, coalesce(d.issuer_org_id, 0), x.org_id,
           coalesce(sum(x.sign) FILTER (WHERE x.status = 'done'), 0), coalesce(sum(x.sign) FILTER (WHERE x.status = 'on_time'), 0),
           coalesce(sum(x.sign) FILTER (WHERE x.status = 'late'), 0), coalesce(sum(x.sign) FILTER (WHERE x.status = 'not_started'), 0)
      FROM (SELECT n.directive_id, n.issued_on, n.org_id, n.status, 1 AS sign
              FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.status, n.org_id, n.issued_on) IS DISTINCT FROM (o.status, o.org_id, o.issued_on)
            UNION ALL
            SELECT o.directive_id, o.issued_on, o.org_id, o.status, -1
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (n.status, n.org_id, n.issued_on) IS DISTINCT FROM (o.status, o.org_id, o.issued_on)) x
      JOIN directives d ON d.id = x.directive_id
     WHERE x.issued_on IS NOT NULL
     GROUP BY 1, 2, 3, 4
    HAVING sum(x.sign) FILTER (WHERE x.status = 'done') <> 0 OR sum(x.sign) FILTER (WHERE x.status = 'on_time') <> 0
        OR sum(x.sign) FILTER (WHERE x.status = 'late') <> 0 OR sum(x.sign) FILTER (WHERE x.status = 'not_started') <> 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER directive_status_inserted AFTER INSERT ON task_assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directive_status_delta();
CREATE TRIGGER directive_status_updated AFTER UPDATE ON task_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directive_status_delta();
CREATE TRIGGER directive_status_deleted AFTER DELETE ON task_assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directive_status_delta();

-- The counts of what is stored now.
INSERT INTO directive_status_counts
SELECT date_trunc('month', a.issued_on)::date, d.unit_path, coalesce(d.issuer_org_id, 0), a.org_id,
       count(*) FILTER (WHERE a.status = 'done'), count(*) FILTER (WHERE a.status = 'on_time'),
       count(*) FILTER (WHERE a.status = 'late'), count(*) FILTER (WHERE a.status = 'not_started')
  FROM task_assignments a JOIN directives d ON d.id = a.directive_id
 WHERE a.issued_on IS NOT NULL
 GROUP BY 1, 2, 3, 4;
