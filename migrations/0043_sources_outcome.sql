-- Active cases whose outcome date has come (the daily sweep retires them): found by one probe
-- before every chain summary, instead of reading every active case's entry.
CREATE INDEX cases_sources_outcome ON cases(outcome_date) WHERE is_source AND outcome_date IS NOT NULL;
