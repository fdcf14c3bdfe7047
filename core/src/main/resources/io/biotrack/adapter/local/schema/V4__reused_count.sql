-- Issue 17: how many of a job's photos were copied from its previous job (equal content) instead of
-- being run again; 0 for older jobs, which reused none.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS reused_count INT DEFAULT 0 NOT NULL;
