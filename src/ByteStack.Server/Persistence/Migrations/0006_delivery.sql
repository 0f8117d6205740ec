-- A project's own S3-compatible bucket. The secret is encrypted with ASP.NET Core Data Protection
-- (key ring under <data-dir>/keys); it is never returned by the API.
CREATE TABLE bucket_connections (
    project_id        TEXT PRIMARY KEY REFERENCES projects (id),
    endpoint          TEXT NOT NULL,
    bucket            TEXT NOT NULL,
    access_key        TEXT NOT NULL,
    secret_protected  TEXT NOT NULL,
    region            TEXT,
    force_path_style  INTEGER NOT NULL,
    prefix            TEXT,
    verified_at       BIGINT NOT NULL,
    created_at        BIGINT NOT NULL
);

-- Registered webhooks; their signing secrets are encrypted (they are needed to sign, so not hashed).
CREATE TABLE webhooks (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects (id),
    url               TEXT NOT NULL,
    events            TEXT NOT NULL,
    secret_protected  TEXT NOT NULL,
    created_at        BIGINT NOT NULL
);
CREATE INDEX webhooks_by_project ON webhooks (project_id, id);

-- The project's signing secret for jobs' own webhook_url.
ALTER TABLE projects ADD COLUMN signing_secret_protected TEXT;

-- The outbox: one row per thing a finished run must deliver (its result file to the bucket, its
-- event to each webhook), written in the run's completing transaction, so nothing is lost.
-- A row is claimed by pushing next_attempt_at past a lease; attempts fences the outcome.
CREATE TABLE deliveries (
    id               TEXT PRIMARY KEY,
    project_id       TEXT NOT NULL,
    job_id           TEXT NOT NULL,
    run_id           TEXT NOT NULL,
    kind             TEXT NOT NULL,
    target           TEXT NOT NULL,
    webhook_id       TEXT,
    payload          TEXT,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT,
    last_attempt_at  BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    delivered_at     BIGINT
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_project ON deliveries (project_id, id);
CREATE INDEX deliveries_by_run ON deliveries (run_id);
CREATE INDEX deliveries_by_target ON deliveries (project_id, kind, target);
