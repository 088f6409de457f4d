-- Contacts counted per root case, unit path and degree, kept by statement triggers on
-- contact_degrees (a statement's new rows add, its old rows take away). The chain summary and the
-- counts by degree read these rows (about a third as many as the contacts at a million cases)
-- instead of every contact: each tree's size and depth in an area is a sum and a max over them.
CREATE TABLE contact_degree_counts (
  root_case_id bigint NOT NULL,
  unit_path    text COLLATE "C" NOT NULL,
  degree       smallint NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (unit_path, root_case_id, degree)
);

-- The statements adding the contact rows a query gives, each with its sign, then removing the
-- counts of those roots that came to zero. Keys in order, so concurrent writers lock rows alike.
CREATE FUNCTION contact_degree_counts_sql(src text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN format($q$
    INSERT INTO contact_degree_counts AS t (unit_path, root_case_id, degree, n)
    SELECT x.unit_path, x.root_case_id, x.degree, sum(x.sign)::int FROM (%s) x
     GROUP BY 1, 2, 3 HAVING sum(x.sign) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (unit_path, root_case_id, degree) DO UPDATE SET n = t.n + excluded.n$q$, src);
END $$;
CREATE FUNCTION contact_degree_counts_prune_sql(src text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN format($q$
    DELETE FROM contact_degree_counts c USING (SELECT DISTINCT x.unit_path, x.root_case_id FROM (%s) x) k
     WHERE c.unit_path = k.unit_path AND c.root_case_id = k.root_case_id AND c.n = 0$q$, src);
END $$;

-- Run by the trigger itself: a statement's transition tables are reached from the trigger
-- function's own dynamic SQL. Only contacts taken away can bring a count to zero.
CREATE FUNCTION contact_degree_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE contact_degree_counts_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.unit_path, n.root_case_id, n.degree, 1 AS sign FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.unit_path, o.root_case_id, o.degree, -1 AS sign FROM old_rows o'
    ELSE 'SELECT n.unit_path, n.root_case_id, n.degree, 1 AS sign FROM new_rows n UNION ALL SELECT o.unit_path, o.root_case_id, o.degree, -1 FROM old_rows o' END);
  IF TG_OP <> 'INSERT' THEN
    EXECUTE contact_degree_counts_prune_sql('SELECT o.unit_path, o.root_case_id FROM old_rows o');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER contact_degree_counts_inserted AFTER INSERT ON contact_degrees
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_degree_counts_apply();
CREATE TRIGGER contact_degree_counts_deleted AFTER DELETE ON contact_degrees
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_degree_counts_apply();
CREATE TRIGGER contact_degree_counts_updated AFTER UPDATE ON contact_degrees
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_degree_counts_apply();

DO $$
BEGIN
  EXECUTE contact_degree_counts_sql('SELECT c.unit_path, c.root_case_id, c.degree, 1 AS sign FROM contact_degrees c');
END $$;
