-- An assignment's latest report that was not returned, found by one index probe: the synthesis
-- reads it for every assignment of a year (470,000 at ten times a province's year) and the body's
-- page for each assignment it shows.
CREATE INDEX task_reports_latest ON task_reports(assignment_id, submitted_at DESC, id DESC) WHERE review <> 'returned';
