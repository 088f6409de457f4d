-- The kept counts of 0007 summed over issuers: per month, directive unit and body. A year at ten
-- times a province's volume holds some 40,000 rows of (month, unit, issuer, body) and 8,000 of
-- (month, unit, body); the pages that do not filter by issuer read these. The sweep folds the
-- changes into both in one statement.
CREATE TABLE directive_status_body_counts (
  month        date NOT NULL,
  unit_path    text NOT NULL,
  org_id       bigint NOT NULL,
  done         integer NOT NULL DEFAULT 0,
  on_time      integer NOT NULL DEFAULT 0,
  late         integer NOT NULL DEFAULT 0,
  not_started  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, org_id, unit_path)
);
INSERT INTO directive_status_body_counts (month, unit_path, org_id, done, on_time, late, not_started)
SELECT month, unit_path, org_id, sum(done), sum(on_time), sum(late), sum(not_started)
  FROM directive_status_counts GROUP BY month, unit_path, org_id;

CREATE TRIGGER directive_status_body_counts_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directive_status_body_counts
  FOR EACH STATEMENT EXECUTE FUNCTION announce_directive_change();
