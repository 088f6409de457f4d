-- Vietnamese dictionary order for lists (units, bodies, people, users). The embedded engine has
-- no Vietnamese collation, so the order is a key computed in TypeScript (src/domain/text/sortKey.ts)
-- and compared byte by byte: the columns use the "C" collation on both engines. Rows written before
-- this migration (or restored from an older backup) get their key right after the migrations run.
ALTER TABLE units ADD COLUMN name_sort text COLLATE "C";
ALTER TABLE orgs ADD COLUMN name_sort text COLLATE "C";
ALTER TABLE people ADD COLUMN name_sort text COLLATE "C";
ALTER TABLE users ADD COLUMN name_sort text COLLATE "C";
CREATE INDEX units_parent_sort ON units(parent_id, name_sort);
CREATE INDEX orgs_sort ON orgs(name_sort);
CREATE INDEX people_sort ON people(name_sort);
