-- Deduplication by content looks tasks up by a 60-bit integer key (the first 15 hex digits of
-- the content hash; see sqlite_tasks.cc ContentKey) instead of the 64-character hash: the index
-- is about four times smaller, so an import's random insertions into it dirty far fewer pages
-- per commit (the hash index was most of a 1,000,000-task import's writes). A lookup compares
-- the full hash, so two hashes sharing a key never merge. A digit outside 0-9a-f counts as 0,
-- exactly as in ContentKey.
ALTER TABLE tasks ADD COLUMN content_key INTEGER NOT NULL DEFAULT 0;

UPDATE tasks SET content_key =
  (max(instr('0123456789abcdef', substr(content_hash, 1, 1)) - 1, 0) << 56) +
  (max(instr('0123456789abcdef', substr(content_hash, 2, 1)) - 1, 0) << 52) +
  (max(instr('0123456789abcdef', substr(content_hash, 3, 1)) - 1, 0) << 48) +
  (max(instr('0123456789abcdef', substr(content_hash, 4, 1)) - 1, 0) << 44) +
  (max(instr('0123456789abcdef', substr(content_hash, 5, 1)) - 1, 0) << 40) +
  (max(instr('0123456789abcdef', substr(content_hash, 6, 1)) - 1, 0) << 36) +
  (max(instr('0123456789abcdef', substr(content_hash, 7, 1)) - 1, 0) << 32) +
  (max(instr('0123456789abcdef', substr(content_hash, 8, 1)) - 1, 0) << 28) +
  (max(instr('0123456789abcdef', substr(content_hash, 9, 1)) - 1, 0) << 24) +
  (max(instr('0123456789abcdef', substr(content_hash, 10, 1)) - 1, 0) << 20) +
  (max(instr('0123456789abcdef', substr(content_hash, 11, 1)) - 1, 0) << 16) +
  (max(instr('0123456789abcdef', substr(content_hash, 12, 1)) - 1, 0) << 12) +
  (max(instr('0123456789abcdef', substr(content_hash, 13, 1)) - 1, 0) << 8) +
  (max(instr('0123456789abcdef', substr(content_hash, 14, 1)) - 1, 0) << 4) +
  (max(instr('0123456789abcdef', substr(content_hash, 15, 1)) - 1, 0))
WHERE content_hash != '';

DROP INDEX tasks_content_hash;
CREATE INDEX tasks_content_key ON tasks (project_id, content_key) WHERE content_hash != '';
