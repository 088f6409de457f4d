-- Uploaded files: a document to read, a table or boundaries to import, a report's attachments,
-- and the files background jobs work on. Streamed in once (multipart, size-limited), stored as
-- chunks so that no single statement carries a whole file (the embedded engine answers other
-- requests between chunks), then referred to by id. An upload is usable only by its uploader and
-- expires after a day unless a job holds it.
CREATE TABLE uploads (
  id          bigserial PRIMARY KEY,
  purpose     text NOT NULL CHECK (purpose IN ('document', 'table', 'geojson', 'attachment')),
  file_name   text NOT NULL,
  size        integer NOT NULL,
  sha256      text,
  complete    boolean NOT NULL DEFAULT false,
  created_by  bigint REFERENCES users(id) ON DELETE CASCADE,
  unit_path   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz
);
CREATE INDEX uploads_expiry ON uploads(expires_at);
CREATE INDEX uploads_owner ON uploads(created_by);

CREATE TABLE upload_chunks (
  upload_id  bigint NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  data       bytea NOT NULL,
  PRIMARY KEY (upload_id, seq)
);

-- A job's file is an upload the job holds.
ALTER TABLE jobs ADD COLUMN upload_id bigint REFERENCES uploads(id);

-- Not row-audited (the content would be copied into the audit log): the upload route writes one
-- audit entry with the file's name, size and SHA-256 instead.
