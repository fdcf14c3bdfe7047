-- Issue 14: where a job's workers run their model (cpu, cuda:N) and how many images at once, as
-- their progress reports say; shown in the job's status. Unknown (NULL, 0) for older jobs.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS shard_device VARCHAR(64);
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS shard_batch_size INT DEFAULT 0 NOT NULL;
