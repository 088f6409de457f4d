-- Zones: the decision that lifted a zone (its number and date), recorded with the lifting. A zone
-- that simply reached the end planned when it was decided has none.
ALTER TABLE zones
  ADD COLUMN lift_decision_no text CHECK (lift_decision_no IS NULL OR btrim(lift_decision_no) <> ''),
  ADD COLUMN lift_decided_on date,
  ADD CONSTRAINT zones_lift_decision CHECK ((lift_decision_no IS NULL) = (lift_decided_on IS NULL)),
  ADD CONSTRAINT zones_lift_ended CHECK (lift_decision_no IS NULL OR ends_on IS NOT NULL);
