-- Users and their annotator profiles. Emails are stored normalised (lower case, trimmed).
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'reviewer', 'annotator')),
  tier TEXT NOT NULL CHECK (tier IN ('crowd', 'expert', 'gold_maker')),
  attributes TEXT NOT NULL DEFAULT '{}',  -- JSON object of strings
  pay_rate_cents_per_hour INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  password_hash TEXT,
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
