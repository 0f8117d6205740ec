-- Every delivery attempt, kept with its outcome: what was tried, when, how long it took and what
-- came back (GET /v1/storage/deliveries/{id}).
CREATE TABLE delivery_attempts (
    delivery_id  TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    started_at   BIGINT NOT NULL,
    duration_ms  BIGINT NOT NULL,
    outcome      TEXT NOT NULL,
    error        TEXT,
    PRIMARY KEY (delivery_id, attempt, started_at)
);
