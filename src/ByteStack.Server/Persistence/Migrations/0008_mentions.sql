-- Every post a job's runs kept, once: keyed by (job, source, record id), so an hourly job asking
-- about "today" counts a post once however many of its runs fetch it, at the time it was posted.
-- Analytics aggregate from here. Rows outlive their job (project-wide figures keep its history).
CREATE TABLE mentions (
    job_id        TEXT NOT NULL,
    source        TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    project_id    TEXT NOT NULL REFERENCES projects (id),
    author        TEXT NOT NULL,
    sentiment     TEXT NOT NULL,
    posted_at     BIGINT NOT NULL,
    first_run_id  TEXT NOT NULL,
    PRIMARY KEY (job_id, source, record_id)
);
CREATE INDEX mentions_by_project_posted ON mentions (project_id, posted_at);
CREATE INDEX mentions_by_job_posted ON mentions (job_id, posted_at);
