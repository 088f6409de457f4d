-- The surveillance picture at a million cases (contexts/surveillance/summary): figures by day for
-- the whole province and the active F0 of an area, each read from an index alone. The existing
-- (unit_path, date) indexes serve a commune; these serve a day range across many communes.
CREATE INDEX cases_confirmed_day ON cases(confirmed_date) INCLUDE (unit_path, classification, source_kind);
CREATE INDEX cases_onset_day ON cases(onset_date) INCLUDE (unit_path, classification, source_kind);
-- Active F0 (small beside all cases): chains, today's numbers.
CREATE INDEX cases_active_path ON cases(unit_path) INCLUDE (id, person_id, outcome_date, source_case_id) WHERE is_source;
-- Tests sampled today and results of the last days, and contacts under follow-up today.
CREATE INDEX tests_sample_day ON tests(sample_date) INCLUDE (unit_path);
CREATE INDEX tests_result_day ON tests(result_date) INCLUDE (unit_path, result) WHERE result IS NOT NULL;
CREATE INDEX contact_followups_active ON contact_followups(until, unit_path) WHERE status = 'active';
