-- The chain summary at a million cases (contexts/surveillance/summary): trees of the degree forest
-- are joined into chains by the exposures between people of different roots. Those exposures are
-- kept here with both roots, so that a summary reads them instead of joining every exposure with
-- every person of the picture twice. Writes only mark the people they touch (chain_dirty, insert
-- only); the next summary folds the marks in, a few rows for a few changes. Bulk loads and restores
-- mark the whole table for a rebuild instead (chain_state).
CREATE TABLE chain_links (
  exposure_id bigint PRIMARY KEY REFERENCES exposures(id) ON DELETE CASCADE,
  root_a      bigint NOT NULL,
  root_b      bigint NOT NULL,
  path_a      text COLLATE "C" NOT NULL,
  path_b      text COLLATE "C" NOT NULL,
  CHECK (root_a < root_b)
);
CREATE TABLE chain_dirty (person_id bigint NOT NULL);
CREATE TABLE chain_state (
  id      smallint PRIMARY KEY CHECK (id = 1),
  rebuild boolean NOT NULL
);
INSERT INTO chain_state VALUES (1, true);

CREATE FUNCTION chain_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('phongdich.restoring', true) = 'on' OR current_setting('phongdich.bulk', true) = 'on' THEN
    UPDATE chain_state SET rebuild = true WHERE NOT rebuild;
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'exposures' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO chain_dirty SELECT person_id FROM new_rows UNION ALL SELECT source_person_id FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      INSERT INTO chain_dirty SELECT person_id FROM old_rows UNION ALL SELECT source_person_id FROM old_rows;
    END IF;
  ELSE
    IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO chain_dirty SELECT person_id FROM new_rows; END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN INSERT INTO chain_dirty SELECT person_id FROM old_rows; END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER exposures_chain_insert AFTER INSERT ON exposures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER exposures_chain_update AFTER UPDATE ON exposures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER exposures_chain_delete AFTER DELETE ON exposures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER contact_degrees_chain_insert AFTER INSERT ON contact_degrees REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER contact_degrees_chain_update AFTER UPDATE ON contact_degrees REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER contact_degrees_chain_delete AFTER DELETE ON contact_degrees REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER cases_chain_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER cases_chain_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();
CREATE TRIGGER cases_chain_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_mark();

-- Contacts by follow-up status: a unit's follow-ups and its degrees, both in person order, merged
-- (lists/cases/listRepo.ts: followedInUnit).
CREATE INDEX contact_degrees_path_person ON contact_degrees(unit_path, person_id, degree);
CREATE INDEX contact_followups_path_person ON contact_followups(unit_path, status, person_id);
