-- Portable DDL: runs unchanged on SQLite and PostgreSQL. Times are Unix milliseconds (BIGINT)
-- so both dialects compare, index and page them identically.
CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id),
    name        TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    scopes      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX api_keys_by_project ON api_keys (project_id, id);

CREATE TABLE jobs (
    id              TEXT PRIMARY KEY,
    project_id      TEXT NOT NULL REFERENCES projects (id),
    name            TEXT NOT NULL,
    prompt          TEXT NOT NULL,
    sources         TEXT NOT NULL,
    schedule_type   TEXT NOT NULL,
    schedule_value  TEXT NOT NULL,
    result_limit    BIGINT NOT NULL,
    range_start     BIGINT,
    range_end       BIGINT,
    webhook_url     TEXT,
    state           TEXT NOT NULL,
    last_sync_at    BIGINT,
    next_sync_at    BIGINT,
    failure         TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    -- bumped by every write; an update that read an older version retries (optimistic lock)
    version         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_project ON jobs (project_id, id);
CREATE INDEX jobs_by_project_state ON jobs (project_id, state, id);
CREATE INDEX jobs_due ON jobs (next_sync_at) WHERE state = 'active';
