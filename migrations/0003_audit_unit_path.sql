-- Audit entries about rows that point at a unit (users, orgs, populations…) carry that unit's
-- path, so the audit viewer can keep them inside the viewer's jurisdiction.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b jsonb;
  a jsonb;
  rec jsonb;
  place text;
BEGIN
  IF current_setting('phongdich.restoring', true) = 'on' OR current_setting('phongdich.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN b := to_jsonb(OLD) - 'password_hash' - 'name_fold' - 'aliases_fold' - 'geometry' - 'content'; END IF;
  IF TG_OP <> 'DELETE' THEN a := to_jsonb(NEW) - 'password_hash' - 'name_fold' - 'aliases_fold' - 'geometry' - 'content'; END IF;
  IF TG_OP = 'UPDATE' AND b = a THEN RETURN NULL; END IF;
  rec := COALESCE(a, b);
  place := COALESCE(rec->>'unit_path', rec->>'path');
  IF place IS NULL AND rec ? 'unit_id' THEN
    SELECT path INTO place FROM units WHERE id = rec->>'unit_id';
  END IF;
  INSERT INTO audit_log(actor_id, actor_name, action, entity, entity_id, unit_path, before, after, request_id)
  VALUES (
    NULLIF(current_setting('phongdich.actor_id', true), '')::bigint,
    COALESCE(NULLIF(current_setting('phongdich.actor_name', true), ''), 'system'),
    lower(TG_OP), TG_TABLE_NAME,
    COALESCE(rec->>'id', rec->>'unit_id', rec->>'key'),
    place,
    b, a,
    NULLIF(current_setting('phongdich.request_id', true), '')
  );
  RETURN NULL;
END $$;
