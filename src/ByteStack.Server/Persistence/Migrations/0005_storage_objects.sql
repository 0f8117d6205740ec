-- Which project owns each stored file: listing, reading and deleting through the API go through
-- this index, so one project can never reach another's files.
CREATE TABLE storage_objects (
    storage_key  TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects (id),
    size_bytes   BIGINT NOT NULL,
    etag         TEXT NOT NULL,
    job_id       TEXT,
    run_id       TEXT,
    query_id     TEXT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX storage_objects_by_project ON storage_objects (project_id, created_at, storage_key);
CREATE INDEX storage_objects_by_job ON storage_objects (project_id, job_id, created_at);
