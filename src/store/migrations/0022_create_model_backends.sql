-- A project's model backend (domain/model_backend.h) as JSON text: the Label Studio ML backend
-- or OpenAI-compatible API that drafts its tasks. Never the API key itself, only the name of
-- the server's environment variable that holds it.
CREATE TABLE model_backends (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id),
  config TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
