-- Job leases: several app servers may share one database. The runner that claims a job holds a
-- lease on it (its id and an expiry), renewed by a heartbeat while the handler runs; a job still
-- "running" after its lease expired belongs to a runner that died and may be taken over.
-- The audit triggers on jobs are unchanged: claims and endings (status changes) are audited,
-- lease renewals are not.
ALTER TABLE jobs
  ADD COLUMN lease_owner       text,
  ADD COLUMN lease_expires_at  timestamptz;

-- Jobs left running by an earlier version have no lease: they count as expired.
CREATE INDEX jobs_running_lease ON jobs(lease_expires_at) WHERE status = 'running';
