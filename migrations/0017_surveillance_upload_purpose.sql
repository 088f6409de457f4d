-- Files of cases, contacts or test results to import are uploads of their own purpose: their own
-- size limit (they are read as a stream) and their own permission (surveillance:import).
ALTER TABLE uploads DROP CONSTRAINT uploads_purpose_check;
ALTER TABLE uploads ADD CONSTRAINT uploads_purpose_check CHECK (purpose IN ('document', 'table', 'geojson', 'attachment', 'export', 'surveillance'));
