-- The occurrence ledger: one row per (job, scheduled instant), written before anything runs.
CREATE TABLE runs (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects (id),
    job_id            TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    trigger_kind      TEXT NOT NULL,
    scheduled_for     BIGINT NOT NULL,
    status            TEXT NOT NULL,
    missed_count      BIGINT,
    attempt           BIGINT NOT NULL DEFAULT 0,
    lease_owner       TEXT,
    lease_expires_at  BIGINT,
    started_at        BIGINT,
    completed_at      BIGINT,
    duration_ms       BIGINT,
    record_count      BIGINT,
    total_results     BIGINT,
    error             TEXT,
    result_key        TEXT,
    created_at        BIGINT NOT NULL,
    UNIQUE (job_id, scheduled_for)
);
CREATE INDEX runs_by_job ON runs (job_id, id);
CREATE INDEX runs_claimable ON runs (status, scheduled_for);
CREATE INDEX runs_by_project_started ON runs (project_id, started_at);
