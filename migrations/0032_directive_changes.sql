-- Committed changes to what the directives' pages are read from, announced on a channel
-- (src/server/platform/changes.ts). The server keeps a page's answer until the next change here,
-- and no longer until the next write anywhere in the database (a follow-up entered, a session).
-- NOTIFY is delivered at commit, once per transaction, and never for a transaction rolled back.
CREATE FUNCTION announce_directive_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('phongdich_directives', '');
  RETURN NULL;
END $$;

CREATE TRIGGER directives_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directives
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
CREATE TRIGGER directive_tasks_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directive_tasks
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
CREATE TRIGGER task_assignments_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
CREATE TRIGGER task_reports_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_reports
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
CREATE TRIGGER directive_status_counts_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directive_status_counts
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
CREATE TRIGGER orgs_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
CREATE TRIGGER units_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
