-- Invitations: accounts are made by invitation only (no self-registration). The token is
-- kept as a hash; an invitation is used, revoked or expired at most once each.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'reviewer', 'annotator')),
  tier TEXT NOT NULL CHECK (tier IN ('crowd', 'expert', 'gold_maker')),
  attributes TEXT NOT NULL DEFAULT '{}',  -- JSON object of strings, copied to the account
  pay_rate_cents_per_hour INTEGER,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  user_id INTEGER REFERENCES users (id),
  revoked_at INTEGER
) STRICT;

-- Pending invitations are listed in id order.
CREATE INDEX invitations_pending ON invitations (id) WHERE used_at IS NULL AND revoked_at IS NULL;

-- GET /api/v1/audit?actor_id=N reads one user's events in id order.
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);
