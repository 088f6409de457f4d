-- Where the bodies of a directive's assignments lie: the deepest unit path all of them share
-- (null while it has none). "Does the caller see an assignment of this directive" is then true
-- without a probe when that root lies within the caller's jurisdiction, which is the case of every
-- directive for a provincial user: counting a year's directives needs no index probe per directive.
CREATE FUNCTION unit_path_common_root(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE
    (SELECT substr(a, 1, coalesce(max(i), 0)) FROM generate_series(1, least(length(a), length(b))) AS i
      WHERE substr(a, i, 1) = '/' AND substr(a, 1, i) = substr(b, 1, i)) END
$$;

CREATE TABLE directive_reach (
  directive_id bigint PRIMARY KEY REFERENCES directives(id) ON DELETE CASCADE,
  bodies_root  text COLLATE "C"
);

-- The least and greatest path in byte order share exactly the prefix all paths share.
INSERT INTO directive_reach (directive_id, bodies_root)
SELECT directive_id, unit_path_common_root(min(org_unit_path), max(org_unit_path)) FROM task_assignments GROUP BY directive_id;

-- Kept by statement triggers: the roots of the directives a statement touched are read again from
-- the (directive_id, org_unit_path) index, two probes each.
CREATE FUNCTION directive_reach_set(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO directive_reach (directive_id, bodies_root)
  SELECT d.id, (SELECT unit_path_common_root(min(a.org_unit_path), max(a.org_unit_path)) FROM task_assignments a WHERE a.directive_id = d.id)
    FROM directives d WHERE d.id = ANY(ids)
  ON CONFLICT (directive_id) DO UPDATE SET bodies_root = excluded.bodies_root
$$;

CREATE FUNCTION directive_reach_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM directive_reach_set(ARRAY(SELECT DISTINCT directive_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION directive_reach_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM directive_reach_set(ARRAY(SELECT DISTINCT directive_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION directive_reach_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (statuses, reports) move no body: nothing to read again.
  PERFORM directive_reach_set(ARRAY(
    SELECT DISTINCT x FROM new_rows n JOIN old_rows o ON o.id = n.id, unnest(ARRAY[n.directive_id, o.directive_id]) AS x
     WHERE (n.org_unit_path, n.directive_id) IS DISTINCT FROM (o.org_unit_path, o.directive_id)));
  RETURN NULL;
END $$;
CREATE TRIGGER directive_reach_inserted AFTER INSERT ON task_assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directive_reach_added();
CREATE TRIGGER directive_reach_deleted AFTER DELETE ON task_assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directive_reach_removed();
CREATE TRIGGER directive_reach_updated AFTER UPDATE ON task_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directive_reach_moved();
