-- Uploaded files waiting to be used: a document to read, a table or boundaries to import, a
-- report's attachments. Streamed in once (multipart, size-limited), then referred to by id by
-- the request that uses them; only their uploader can use them, and they expire after a day.
CREATE TABLE uploads (
  id          bigserial PRIMARY KEY,
  purpose     text NOT NULL CHECK (purpose IN ('document', 'table', 'geojson', 'attachment')),
  file_name   text NOT NULL,
  size        integer NOT NULL,
  sha256      text NOT NULL,
  content     bytea NOT NULL,
  created_by  bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unit_path   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX uploads_expiry ON uploads(expires_at);
CREATE INDEX uploads_owner ON uploads(created_by);
-- Not row-audited (the content would be copied into the audit log): the upload route writes one
-- audit entry with the file's name, size and SHA-256 instead.
