-- One job's files, newest first: the listing orders by (created_at, storage_key), so the index
-- carries both. Without the key SQLite preferred the project's index, which serves the order, and
-- read about a thousand files for each one of the job's at 1,000,000 files (docs/benchmarks.md).
DROP INDEX storage_objects_by_job;
CREATE INDEX storage_objects_by_job ON storage_objects (project_id, job_id, created_at, storage_key);
