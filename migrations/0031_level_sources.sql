-- Where each figure of a weekly level assessment came from: surveillance, care, vaccination, the
-- unit registry, or entered / imported / carried over from an earlier week
-- (src/domain/levels/sources.ts), keyed by the input's path ("coverage.fullyVaccinated").
ALTER TABLE level_assessments ADD COLUMN sources jsonb NOT NULL DEFAULT '{}';
