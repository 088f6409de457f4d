-- The person registry in full: passport, temporary residence, workplace; duplicate lookups; and a
-- trigram index for name search where the server has pg_trgm (PostgreSQL's contrib, PGlite's
-- bundled extension). Without it the search falls back to a plain LIKE scan: this migration never
-- fails for want of the extension (start-up says so in its log).
ALTER TABLE people
  ADD COLUMN passport_no  text,
  ADD COLUMN temp_unit_id text REFERENCES units(id),
  ADD COLUMN temp_address text,
  ADD COLUMN workplace    text;

ALTER TABLE people ADD CONSTRAINT people_nationality_format CHECK (nationality ~ '^[A-Z]{2}$');
ALTER TABLE people ADD CONSTRAINT people_passport_format CHECK (passport_no ~ '^[A-Z0-9]{5,20}$');

-- A passport number identifies a person within its issuing country.
CREATE UNIQUE INDEX people_passport ON people(passport_no, nationality) WHERE passport_no IS NOT NULL;
-- Duplicate candidates: the same year of birth in the same commune, or the same phone.
CREATE INDEX people_birth_year_path ON people(birth_year, unit_path text_pattern_ops);
CREATE INDEX people_phone ON people(phone) WHERE phone IS NOT NULL;

DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): name search uses a plain scan', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX people_name_trgm ON people USING gin (name_fold gin_trgm_ops)';
  END IF;
END $$;
