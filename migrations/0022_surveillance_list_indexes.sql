-- A contact's follow-ups by person (a list shows each contact's latest one; only running ones had
-- an index of their own).
CREATE INDEX contact_followups_person ON contact_followups(person_id, started_on);
-- Tests newest first by unit (a page per unit, merged): the id in the index gives the order of a
-- day's samples without reading the whole day; positive results, a small share, have their own.
CREATE INDEX tests_path_day ON tests(unit_path, sample_date, id);
DROP INDEX tests_path_date;
CREATE INDEX tests_positive_path_day ON tests(unit_path, sample_date, id) WHERE result = 'positive';
-- Cases and follow-ups the same way (lists/cases/listRepo.ts: firstPerUnit).
CREATE INDEX cases_path_confirmed_id ON cases(unit_path, confirmed_date, id);
DROP INDEX cases_path_confirmed;
CREATE INDEX cases_path_onset_id ON cases(unit_path, onset_date, id);
DROP INDEX cases_path_onset;
CREATE INDEX contact_followups_path_id ON contact_followups(unit_path, status, until, id);
DROP INDEX contact_followups_path;
-- One individual sample per person, day and method, and one pooled sample besides: a positive
-- pool's member may be sampled again alone on the pool's own day.
DROP INDEX tests_person_sample;
CREATE UNIQUE INDEX tests_person_sample ON tests(person_id, sample_date, method, (pool_id IS NOT NULL)) WHERE sample_date IS NOT NULL;
-- The contacts whose degree runs through a removed exposure.
CREATE INDEX contact_degrees_via_exposure ON contact_degrees(via_exposure_id);
