-- Where a file's bytes were first written: a run's attempt writes its files under an
-- attempt-specific staging key before its fenced completion, and publishes them to their key
-- after the commit. Until then (a few milliseconds, or a crash) readers fall back to this object.
-- NULL: written in place (query results).
ALTER TABLE storage_objects ADD COLUMN object_key TEXT;
