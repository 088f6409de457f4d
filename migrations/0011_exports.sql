-- Files the system writes for a user (a synthesis table or report made by a background job) are
-- kept like uploads, chunk by chunk, owned by the user who asked and forgotten when they expire.
ALTER TABLE uploads DROP CONSTRAINT uploads_purpose_check;
ALTER TABLE uploads ADD CONSTRAINT uploads_purpose_check CHECK (purpose IN ('document', 'table', 'geojson', 'attachment', 'export'));
