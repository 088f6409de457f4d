-- Directives: documents from a committee, their tasks, the bodies assigned, and their reports.

ALTER TABLE orgs ADD COLUMN doc_code text; -- the issuer part of a document symbol: TU, UBND, BCĐ

CREATE TABLE directives (
  id             bigserial PRIMARY KEY,
  status         text NOT NULL CHECK (status IN ('imported','draft','issued')),
  system         text NOT NULL CHECK (system IN ('party','state')),
  doc_type       text NOT NULL,
  number         text,
  symbol         text,
  issuer_org_id  bigint REFERENCES orgs(id),
  issuer_name    text NOT NULL,
  place          text,
  issued_on      date,
  urgency        text,
  secrecy        text,
  summary        text NOT NULL,
  addressees     jsonb NOT NULL DEFAULT '[]',
  recipients     jsonb NOT NULL DEFAULT '[]',
  body           text NOT NULL DEFAULT '',
  signing        jsonb NOT NULL DEFAULT '{}',
  source_text    text,
  unit_path      text NOT NULL,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  issued_at      timestamptz
);
CREATE UNIQUE INDEX directives_symbol ON directives(symbol, issued_on) WHERE symbol IS NOT NULL;
CREATE INDEX directives_issued_on ON directives(issued_on);

CREATE TABLE directive_references (
  id            bigserial PRIMARY KEY,
  directive_id  bigint NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
  text          text NOT NULL,
  symbol        text,
  ref_date      date,
  target_id     bigint REFERENCES directives(id)
);
CREATE INDEX directive_references_directive ON directive_references(directive_id);

CREATE TABLE directive_files (
  id            bigserial PRIMARY KEY,
  directive_id  bigint NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
  file_name     text NOT NULL,
  mime          text NOT NULL,
  content       bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directive_tasks (
  id            bigserial PRIMARY KEY,
  directive_id  bigint NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
  position      integer NOT NULL,
  ref           text NOT NULL,
  text          text NOT NULL,
  deadline      date,
  cadence       jsonb NOT NULL DEFAULT '{"kind":"once"}'
);
CREATE INDEX directive_tasks_directive ON directive_tasks(directive_id);

-- One row per body assigned to a task. status/overdue_since/next_due are a read model kept
-- current on every report and by the periodic sweep, so dashboards do not recompute.
CREATE TABLE task_assignments (
  id              bigserial PRIMARY KEY,
  task_id         bigint NOT NULL REFERENCES directive_tasks(id) ON DELETE CASCADE,
  org_id          bigint NOT NULL REFERENCES orgs(id),
  role            text NOT NULL CHECK (role IN ('lead','coordinating')),
  name_as_written text,
  status          text NOT NULL DEFAULT 'not_started' CHECK (status IN ('done','on_time','late','not_started')),
  overdue_since   date,
  next_due        date,
  percent         integer,
  last_report_at  timestamptz,
  status_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id, org_id)
);
CREATE INDEX task_assignments_org ON task_assignments(org_id);
CREATE INDEX task_assignments_status ON task_assignments(status);

CREATE TABLE task_reports (
  id              bigserial PRIMARY KEY,
  assignment_id   bigint NOT NULL REFERENCES task_assignments(id) ON DELETE CASCADE,
  text            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('in_progress','done','blocked')),
  percent         integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  submitted_by    bigint REFERENCES users(id),
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  review          text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending','accepted','returned')),
  review_comment  text,
  reviewed_by     bigint REFERENCES users(id),
  reviewed_at     timestamptz
);
CREATE INDEX task_reports_assignment ON task_reports(assignment_id);

CREATE TABLE task_report_files (
  id         bigserial PRIMARY KEY,
  report_id  bigint NOT NULL REFERENCES task_reports(id) ON DELETE CASCADE,
  file_name  text NOT NULL,
  mime       text NOT NULL,
  content    bytea NOT NULL
);

CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text,
  link        text,
  dedupe_key  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  emailed_at  timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);

-- Document numbers restart per type within the issuer's term (Party) or year (state).
CREATE TABLE document_counters (
  issuer_org_id  bigint NOT NULL REFERENCES orgs(id),
  doc_type       text NOT NULL,
  period         text NOT NULL,
  last_number    integer NOT NULL,
  PRIMARY KEY (issuer_org_id, doc_type, period)
);

CREATE TRIGGER audit_directives AFTER INSERT OR UPDATE OR DELETE ON directives FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_directive_references AFTER INSERT OR UPDATE OR DELETE ON directive_references FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_directive_files AFTER INSERT OR UPDATE OR DELETE ON directive_files FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_directive_tasks AFTER INSERT OR UPDATE OR DELETE ON directive_tasks FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_task_assignments AFTER INSERT OR DELETE ON task_assignments FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_task_assignments_change AFTER UPDATE ON task_assignments FOR EACH ROW
  WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.role IS DISTINCT FROM NEW.role OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_task_reports AFTER INSERT OR UPDATE OR DELETE ON task_reports FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_task_report_files AFTER INSERT OR UPDATE OR DELETE ON task_report_files FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_notifications AFTER INSERT OR DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_notifications_read AFTER UPDATE ON notifications FOR EACH ROW
  WHEN (OLD.read_at IS DISTINCT FROM NEW.read_at) EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_document_counters AFTER INSERT OR UPDATE ON document_counters FOR EACH ROW EXECUTE FUNCTION audit_row();
