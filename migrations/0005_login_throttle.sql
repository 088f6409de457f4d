-- Failed logins per (account name, client address) pair. A wrong password no longer locks the
-- account itself: only the pair that keeps failing is refused for a while, so the owner can still
-- sign in from elsewhere. The name is kept as typed (lower case) whether or not such an account
-- exists, so unknown names are throttled exactly like real ones. Like sessions, these rows are
-- operational state, not domain data: each failure is already recorded in audit_log as an
-- authentication event, so the table has no audit trigger.
CREATE TABLE login_throttle (
  username        text NOT NULL,
  address         text NOT NULL,
  failures        integer NOT NULL DEFAULT 0,
  last_failed_at  timestamptz NOT NULL,
  blocked_until   timestamptz,
  PRIMARY KEY (username, address)
);
CREATE INDEX login_throttle_last_failed ON login_throttle(last_failed_at);

-- The per-account lockout that this replaces.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
