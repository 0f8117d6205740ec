"""Queries, sources, schedules, keys, webhooks, the bucket and deliveries through the SDK on a real service,
and what never shows a credential."""

from __future__ import annotations

import traceback

import pytest

import bytestack
from bytestack import ByteStack

from conftest import ACME_PROMPT, RUN_SECONDS, S3rver, Server, wait_until


def test_queries_run_answers_the_result_when_the_source_replies(shared_client: ByteStack) -> None:
    query = shared_client.queries.run(ACME_PROMPT, ["hackernews"], limit=3, wait=RUN_SECONDS, poll_interval=0.2)
    assert (query.status, query.limit, query.prompt, query.sources) == ("completed", 3, ACME_PROMPT, ["hackernews"])
    result = query.result
    assert result is not None and result.total_results == 5 and len(result.records) == 3
    assert result.by_source["hackernews"].mentions == 5 and result.by_source["hackernews"].status == "ok"
    assert result.planned_by == "rules" and "acme" in [t.lower() for t in result.terms or []]
    sentiment = result.sentiment
    assert sentiment is not None and sentiment.positive_count + sentiment.negative_count + sentiment.neutral_count == sentiment.classified
    assert all(r.source == "hackernews" and r.created_at.tzinfo is not None for r in result.records)
    assert shared_client.queries.get(query.id).result == result


def test_queries_create_answers_queued_then_get_completes_when_not_waiting(shared_client: ByteStack) -> None:
    queued = shared_client.queries.create(ACME_PROMPT, ["hackernews"],
                                   date_range={"from": "2026-04-24T00:00:00Z", "to": "2026-04-30T23:59:59Z"})
    assert queued.status in ("queued", "running", "completed") and queued.id.startswith("qry_")
    wait_until(lambda: shared_client.queries.get(queued.id).is_finished, "the query")
    done = shared_client.queries.get(queued.id)
    assert done.status == "completed" and done.date_range is not None
    assert (done.date_range.start.isoformat(), done.date_range.end.isoformat()) == ("2026-04-24T00:00:00+00:00", "2026-04-30T23:59:59+00:00")


def test_sources_and_schedule_preview_answer_the_catalogue_when_asked(shared_client: ByteStack) -> None:
    sources = {s.id: s for s in shared_client.sources.list()}
    assert sources["hackernews"].status == "ready" and sources["linkedin"].status == "unavailable"
    preview = shared_client.schedules.preview("0 8 * * 1-5", count=3)
    assert preview.schedule.description == "At 08:00 UTC on Monday through Friday" and len(preview.next) == 3
    assert all(t.hour == 8 and t.weekday() < 5 for t in preview.next)


def test_keys_create_list_and_revoke_when_admin(server: Server, client: ByteStack) -> None:
    created = client.keys.create("ci", scopes=["write"])
    assert created.key.startswith("bsk_") and created.scopes == ["write"]
    assert created.id in {k.id for k in client.keys.list()}
    assert server.client(created.key).jobs.list() == []
    client.keys.revoke(created.id)
    with pytest.raises(bytestack.AuthenticationError):
        server.client(created.key).jobs.list()
    assert next(k for k in client.keys.list() if k.id == created.id).revoked_at is not None


def test_webhooks_create_rotate_list_and_delete_when_admin(client: ByteStack) -> None:
    hook = client.webhooks.create("http://127.0.0.1:9/hooks/bytestack")
    assert hook.events == ["job.completed"] and len(hook.secret) >= 32
    rotated = client.webhooks.rotate_secret(hook.id)
    assert rotated.id == hook.id and rotated.secret != hook.secret
    assert [w.id for w in client.webhooks.list()] == [hook.id] and client.webhooks.get(hook.id).url == hook.url
    assert client.webhooks.signing_secret().secret
    client.webhooks.delete(hook.id)
    assert client.webhooks.list() == []


def test_bucket_and_deliveries_show_the_connection_and_each_attempt_when_a_run_delivered(
    client: ByteStack, finished_run, s3rver: S3rver
) -> None:
    client.storage.bucket.connect(s3rver.endpoint, "results", s3rver.access_key, s3rver.secret_key, prefix="acme")
    shown = client.storage.bucket.get()
    assert (shown.endpoint, shown.prefix, shown.force_path_style) == (s3rver.endpoint, "acme", True)
    assert client.storage.bucket.verify().verified_at >= shown.verified_at  # type: ignore[operator]
    run = finished_run()
    wait_until(lambda: [d.status for d in client.storage.deliveries.list(kind="bucket")] == ["delivered"], "the bucket delivery")
    (delivery,) = client.storage.deliveries.list()
    detail = client.storage.deliveries.get(delivery.id)
    assert (detail.run_id, detail.kind, detail.attempts) == (run.id, "bucket", 1)
    assert detail.history is not None and [a.outcome for a in detail.history] == ["delivered"]
    assert client.storage.deliveries.retry().retried == 0
    client.storage.bucket.disconnect()
    with pytest.raises(bytestack.NotFoundError) as none:
        client.storage.bucket.get()
    assert none.value.code == "bucket_not_connected"


def test_no_credential_appears_in_repr_or_errors_when_handling_secrets(server: Server, client: ByteStack, project_key: str, s3rver: S3rver) -> None:
    key = client.keys.create("shown-once", scopes=["read"])
    hook = client.webhooks.create("http://127.0.0.1:9/hooks/bytestack")
    signing = client.webhooks.signing_secret()
    secret_key = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
    with pytest.raises(bytestack.UnprocessableEntityError) as refused:
        client.storage.bucket.connect(s3rver.endpoint, "no-such-bucket", s3rver.access_key, secret_key)
    assert refused.value.code == "bucket_verification_failed" and refused.value.detail
    bogus = "bsk_" + "7" * 40
    with pytest.raises(bytestack.AuthenticationError) as unauthorized:
        server.client(bogus).storage.list()

    secrets = [project_key, key.key, hook.secret, signing.secret, secret_key, bogus]
    shown = [repr(client), repr(key), repr(hook), repr(signing), repr(client.keys.list()), str(client.__dict__.get("base_url"))]
    for error in (refused.value, unauthorized.value):
        shown += [str(error), repr(error), repr(error.body), repr(error.headers), error.url,
                  "".join(traceback.format_exception(type(error), error, error.__traceback__))]
    for secret in secrets:
        assert all(secret not in text for text in shown), secret




def test_analytics_answers_the_real_service_figures_of_a_run(client: ByteStack, finished_run) -> None:
    run = finished_run()
    assert run.status == "completed"

    figures = client.analytics.get(job_id=run.job_id, interval="day")
    assert (figures.job_id, figures.interval) == (run.job_id, "day")
    summary = figures.summary
    assert (summary.total_mentions, summary.unique_users) == (5, 4)
    assert summary.positive_count + summary.negative_count + summary.neutral_count == 5
    assert summary.previous is not None and summary.previous.total_mentions == 0
    assert figures.by_source["hackernews"].mentions == 5
    assert sum(point.by_source.get("hackernews", 0) for point in figures.series) == 5
    assert (figures.top_authors[0].author, figures.top_authors[0].mentions) == ("jdoe", 2)
    assert figures.start < figures.end and all(p.at.tzinfo is not None for p in figures.series)
