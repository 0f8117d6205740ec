CREATE TABLE queries (
    id            TEXT PRIMARY KEY,
    project_id    TEXT NOT NULL REFERENCES projects (id),
    prompt        TEXT NOT NULL,
    sources       TEXT NOT NULL,
    range_start   BIGINT,
    range_end     BIGINT,
    result_limit  BIGINT NOT NULL,
    status        TEXT NOT NULL,
    error         TEXT,
    result_key    TEXT,
    created_at    BIGINT NOT NULL,
    started_at    BIGINT,
    completed_at  BIGINT
);
CREATE INDEX queries_by_project ON queries (project_id, id);
CREATE INDEX queries_waiting ON queries (status, id);
