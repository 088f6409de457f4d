-- Cascade: a body that receives a task assigns it on to its own units or down to the communes.
--
-- task_assignments gains
--   parent_assignment_id  the assignment this one was cascaded from (null: assigned by the directive);
--                         the parent's stored status rolls up from its sub-assignments
--                         (src/domain/directives/rollup.ts);
--   deadline              the assignment's own deadline: a sub-assignment's (never after its parent's),
--                         or an approved extension; null: the task's deadline applies;
--   completed_on          the day the work was completed (kept with the status), for the Government
--                         Office's categories: done on time, done late;
--   reminded_for          the deadline a reminder was last raised for, so it is raised once per deadline.
ALTER TABLE task_assignments
  ADD COLUMN parent_assignment_id bigint REFERENCES task_assignments(id) ON DELETE CASCADE,
  ADD COLUMN deadline             date,
  ADD COLUMN completed_on         date,
  ADD COLUMN reminded_for         date;
CREATE INDEX task_assignments_parent ON task_assignments(parent_assignment_id) WHERE parent_assignment_id IS NOT NULL;

-- Work completed before this migration: the day its accepted completion report was sent (Vietnam time).
UPDATE task_assignments a
   SET completed_on = (SELECT min(((r.submitted_at AT TIME ZONE 'UTC') + interval '7 hours')::date)
                         FROM task_reports r
                        WHERE r.assignment_id = a.id AND r.status = 'done' AND r.review = 'accepted')
 WHERE a.status = 'done';

-- A new deadline asked for by the assigned body, approved or refused by the issuer.
CREATE TABLE deadline_extension_requests (
  id                 bigserial PRIMARY KEY,
  assignment_id      bigint NOT NULL REFERENCES task_assignments(id) ON DELETE CASCADE,
  previous_deadline  date,
  requested_deadline date NOT NULL,
  reason             text NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','refused','withdrawn')),
  requested_by       bigint REFERENCES users(id),
  requested_at       timestamptz NOT NULL DEFAULT now(),
  decided_by         bigint REFERENCES users(id),
  decided_at         timestamptz,
  decision_comment   text
);
CREATE INDEX deadline_extension_requests_assignment ON deadline_extension_requests(assignment_id);
CREATE INDEX deadline_extension_requests_pending ON deadline_extension_requests(status) WHERE status = 'pending';

CREATE TRIGGER audit_deadline_extension_requests AFTER INSERT OR UPDATE OR DELETE ON deadline_extension_requests
  FOR EACH ROW EXECUTE FUNCTION audit_row();
-- The row triggers of 0002 and 0008 record a change of body, role, status or note; a new deadline
-- or a change of parent is recorded too.
CREATE TRIGGER audit_task_assignments_deadline AFTER UPDATE ON task_assignments FOR EACH ROW
  WHEN (OLD.org_id IS NOT DISTINCT FROM NEW.org_id AND OLD.role IS NOT DISTINCT FROM NEW.role AND OLD.status IS NOT DISTINCT FROM NEW.status
        AND (OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.parent_assignment_id IS DISTINCT FROM NEW.parent_assignment_id))
  EXECUTE FUNCTION audit_row();
