-- An F0 cared for at home who died at home: the day is the stay's end (ended_on, status 'died'),
-- with the cause and who reported the death (a relative, the station, the police of the area).
-- Rows written before this column existed (the demo's) keep both empty.
ALTER TABLE care_home_patients
  ADD COLUMN death_cause text CHECK (death_cause IS NULL OR length(death_cause) BETWEEN 1 AND 500),
  ADD COLUMN death_reported_by text CHECK (death_reported_by IS NULL OR length(death_reported_by) BETWEEN 1 AND 200),
  ADD CONSTRAINT care_home_death_only_died CHECK (status = 'died' OR (death_cause IS NULL AND death_reported_by IS NULL));
