-- Name search at a million people: the distinct names, each once with its fold and sort key, carry
-- the trigram index (a few hundred thousand short rows rather than every person). A search finds the
-- matching names in dictionary order, then the people bearing them inside the caller's area by
-- the (full_name, unit_path) index, a batch of names at a time, until the page is full. A trigger
-- keeps the dictionary (filled for existing rows right after the migrations, by fillSortKeys); names
-- no one bears any more stay and simply match no one.
CREATE TABLE person_names (
  full_name text PRIMARY KEY,
  name_fold text NOT NULL,
  name_sort text COLLATE "C" NOT NULL
);
CREATE INDEX person_names_sort ON person_names(name_sort, full_name);
CREATE INDEX people_name_place ON people(full_name, unit_path text_pattern_ops, id);

-- Bulk loads and restores skip it and fill the dictionary set-based afterwards (fillSortKeys).
CREATE FUNCTION person_names_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('phongdich.restoring', true) = 'on' OR current_setting('phongdich.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF NEW.name_sort IS NOT NULL THEN
    INSERT INTO person_names(full_name, name_fold, name_sort) VALUES (NEW.full_name, NEW.name_fold, NEW.name_sort)
    ON CONFLICT (full_name) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER people_names AFTER INSERT OR UPDATE OF full_name, name_fold, name_sort ON people
  FOR EACH ROW EXECUTE FUNCTION person_names_keep();


-- The trigram index moves from every person to the dictionary.
DROP INDEX IF EXISTS people_name_trgm;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX person_names_trgm ON person_names USING gin (name_fold gin_trgm_ops)';
  END IF;
END $$;
