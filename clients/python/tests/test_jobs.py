"""A job's whole life through the SDK, on a real service."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bytestack import ByteStack, NotFoundError

from conftest import ACME_PROMPT, RUN_SECONDS


def test_job_lifecycle_creates_runs_downloads_pauses_resumes_and_deletes_when_driven_through_the_sdk(client: ByteStack, tmp_path: Path) -> None:
    job = client.jobs.create(name="Acme on HN", prompt=ACME_PROMPT, sources=["hackernews"], schedule="0 8 * * *", limit=50)
    assert (job.state, job.schedule.type, job.schedule.expression, job.limit) == ("active", "cron", "0 8 * * *", 50)
    assert job.schedule.description == "At 08:00 UTC every day"
    assert job.next_sync_at is not None and job.next_sync_at.tzinfo is not None and job.next_sync_at > datetime.now(timezone.utc)
    assert [j.id for j in client.jobs.list()] == [job.id]

    started = client.jobs.run(job.id)
    assert (started.job_id, started.trigger, started.status) == (job.id, "manual", "pending")
    run = client.runs.wait(started.id, timeout=RUN_SECONDS, poll_interval=0.2)
    assert (run.status, run.record_count, run.total_results) == ("completed", 5, 5)
    assert run.completed_at is not None and run.result_key is not None and run.result_key.startswith(f"{job.id}/")
    assert [r.id for r in client.jobs.runs(job.id)] == [run.id]
    assert client.jobs.get(job.id).last_run.id == run.id  # type: ignore[union-attr]

    data = client.storage.download(run.result_key)
    result = json.loads(data)
    assert (result["job_id"], result["run_id"], result["result"]["total_results"]) == (job.id, run.id, 5)
    saved = client.storage.download_to(run.result_key, tmp_path / "result.json")
    assert saved.read_bytes() == data and list(tmp_path.iterdir()) == [saved]
    logs = client.runs.logs(run.id)
    assert logs.run_id == run.id and logs.data and all(log.status == 200 and "/search_by_date?" in log.url for log in logs.data)
    day = client.jobs.timeline(job.id, date=run.started_at.date())  # type: ignore[union-attr]
    assert [r.id for r in day.done] == [run.id]
    assert [r.id for r in client.jobs.timeline(date=run.started_at).done] == [run.id]  # type: ignore[arg-type]

    paused = client.jobs.pause(job.id)
    assert (paused.state, paused.next_sync_at) == ("paused", None)
    resumed = client.jobs.resume(job.id)
    assert resumed.state == "active" and resumed.next_sync_at is not None
    renamed = client.jobs.update(job.id, name="Acme, hourly", schedule="every_hour")
    assert (renamed.name, renamed.schedule.type, renamed.schedule.interval) == ("Acme, hourly", "interval", "every_hour")

    client.jobs.delete(job.id)
    with pytest.raises(NotFoundError) as gone:
        client.jobs.get(job.id)
    assert gone.value.code == "job_not_found"
    # Deleting a job keeps its result files.
    assert [f.key for f in client.storage.list()] == [run.result_key]


def test_delete_removes_the_results_too_when_delete_results_is_true(client: ByteStack, finished_run) -> None:
    run = finished_run()
    client.jobs.delete(run.job_id, delete_results=True)
    assert client.storage.list() == []
    with pytest.raises(NotFoundError):
        client.storage.download(run.result_key)
