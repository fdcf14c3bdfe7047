-- Issue 17: what a user decided about each flagged repeat detection group of a job (a rock or a
-- branch found at one place in many photos of a folder): CONFIRMED (a false positive, left out of
-- exports) or REJECTED (kept). Group ids are derived from the job's results file.
CREATE TABLE IF NOT EXISTS repeat_decisions (
  job_id VARCHAR(64) NOT NULL,
  group_id VARCHAR(64) NOT NULL,
  decision VARCHAR(16) NOT NULL,
  PRIMARY KEY (job_id, group_id)
);
