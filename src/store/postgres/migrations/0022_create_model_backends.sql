-- A project's model backend (as the SQLite backend's migration 0022 explains).
CREATE TABLE model_backends (
  project_id BIGINT PRIMARY KEY REFERENCES projects (id),
  config TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
