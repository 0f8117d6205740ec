-- Indexes that match the engine's hot queries exactly (partial indexes work on both databases):
-- due jobs by next sync, pending runs in claim order, running runs by lease expiry.
DROP INDEX jobs_due;
CREATE INDEX jobs_due ON jobs (next_sync_at) WHERE state IN ('active', 'running');
DROP INDEX runs_claimable;
CREATE INDEX runs_pending ON runs (scheduled_for, id) WHERE status = 'pending';
CREATE INDEX runs_leased ON runs (lease_expires_at) WHERE status = 'running';
