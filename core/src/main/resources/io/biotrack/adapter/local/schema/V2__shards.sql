-- Shards (jobs of up to a million files): the files registered for a job, and the dispatcher's
-- state as one JSON document per job instead of one attempt's columns. A database written by
-- this branch before migrations existed already has these tables: the statements are idempotent.
CREATE TABLE IF NOT EXISTS job_files (
  job_id VARCHAR(64) NOT NULL,
  entry_key VARCHAR(64) NOT NULL,
  kind CHAR(1) NOT NULL,
  name VARCHAR(4096) NOT NULL,
  size BIGINT,
  uploaded BOOLEAN DEFAULT FALSE NOT NULL,
  PRIMARY KEY (job_id, entry_key)
);
-- The old per-attempt records cannot describe shards: dropped, as the code before migrations did.
DROP TABLE IF EXISTS dispatch_records;
CREATE TABLE IF NOT EXISTS dispatch_ledger (
  tenant VARCHAR(256) NOT NULL,
  job_id VARCHAR(64) NOT NULL,
  queued_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  state CHARACTER LARGE OBJECT NOT NULL,
  PRIMARY KEY (tenant, job_id)
);
