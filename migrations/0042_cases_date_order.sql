-- The cases of a large area (a province) in order of confirmation or onset, then of id, read from
-- one index in that order with the area's path checked in the index itself: the list's first page
-- reads about a page of entries instead of a page per commune.
DROP INDEX cases_confirmed_day;
CREATE INDEX cases_confirmed_day ON cases(confirmed_date, id) INCLUDE (unit_path, classification, source_kind);
DROP INDEX cases_onset_day;
CREATE INDEX cases_onset_day ON cases(onset_date, id) INCLUDE (unit_path, classification, source_kind);
