-- Violations past their remedy date: the responsible team is reminded once per remedy date (the
-- hourly reminder job of safety and enforcement). remedy_reminded_for holds the remedy date the
-- reminder was sent for, so a new date set later is reminded again, and an old one never twice.

ALTER TABLE violations ADD COLUMN remedy_reminded_for date;

-- The sweep reads only open violations with a remedy date not yet reminded.
CREATE INDEX violations_remedy_due ON violations(due_on, id) WHERE status = 'open' AND due_on IS NOT NULL;
