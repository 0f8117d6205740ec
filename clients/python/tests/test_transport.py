"""Retries, waits, redirects, timeouts, configuration and the request format, against loopback stand-ins
that answer from a script (a real service cannot be made to answer 503 then 200 on cue)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Callable, List, Optional, Set, Type

import pytest

import bytestack
from bytestack import ByteStack

from fixture_sources import Answer, StandIn, problem

KEY = "bsk_standin_secret_value_0123456789"
OK_SOURCES = Answer(200, body=[{"id": "hackernews", "name": "Hacker News", "status": "ready", "detail": "no key"}])
CREATED_JOB = {
    "id": "job_1", "name": "n", "prompt": "p", "sources": ["hackernews"],
    "schedule": {"type": "interval", "interval": "daily", "description": "At 00:00 UTC every day"}, "limit": 100,
    "date_range": None, "webhook_url": None, "state": "active", "last_sync_at": None, "next_sync_at": "2026-05-01T00:00:00Z",
    "last_run": None, "created_at": "2026-04-30T10:00:00Z", "updated_at": "2026-04-30T10:00:00Z",
}


def unavailable(retry_after: Optional[str] = None) -> Answer:
    return Answer(503, {"Retry-After": retry_after} if retry_after else {}, problem(503, "unavailable", "Down for a moment."))


def client_for(stand_in: StandIn, waits: List[float], max_retries: int = 2, timeout: float = 10.0) -> ByteStack:
    return ByteStack(api_key=KEY, base_url=stand_in.url, max_retries=max_retries, timeout=timeout, sleep=waits.append)


def list_sources(c: ByteStack) -> object:
    return c.sources.list()


def create_job(c: ByteStack) -> object:
    return c.jobs.create(name="n", prompt="p", sources=["hackernews"], schedule="daily")


def create_job_idempotently(c: ByteStack) -> object:
    return c.jobs.create(name="n", prompt="p", sources=["hackernews"], schedule="daily", idempotency_key="create-n-1")


@pytest.mark.parametrize(
    "call, script, attempts, backoffs, error",
    [
        # 503 then 200: one jittered backoff of 0.5 s (at most a quarter less).
        (list_sources, [unavailable(), OK_SOURCES], 2, [(0.375, 0.5)], None),
        # Retry-After is waited out exactly, whatever the backoff would have been.
        (list_sources, [Answer(429, {"Retry-After": "2"}, problem(429, "rate_limited", "Slow down.")), OK_SOURCES], 2, [(2.0, 2.0)], None),
        (list_sources, [unavailable("0.25"), OK_SOURCES], 2, [(0.25, 0.25)], None),
        # An HTTP date already past: try again at once.
        (list_sources, [unavailable("Wed, 21 Oct 2015 07:28:00 GMT"), OK_SOURCES], 2, [(0.0, 0.0)], None),
        (list_sources, [Answer(408, body=problem(408, "request_timeout", "Too slow.")), OK_SOURCES], 2, [(0.375, 0.5)], None),
        # Out of retries: the backoff doubles, then the last answer is raised.
        (list_sources, [unavailable()], 3, [(0.375, 0.5), (0.75, 1.0)], bytestack.InternalServerError),
        (list_sources, [Answer(429, {"Retry-After": "1"}, problem(429, "rate_limited", "Slow down."))], 3, [(1.0, 1.0), (1.0, 1.0)], bytestack.RateLimitError),
        # A Retry-After beyond a minute is not waited out; the usual backoff applies.
        (list_sources, [Answer(429, {"Retry-After": "3600"}, problem(429, "quota", "Monthly quota used up.")), OK_SOURCES], 2, [(0.375, 0.5)], None),
        # Client errors are final.
        (list_sources, [Answer(404, body=problem(404, "not_found", "Nothing here.")), OK_SOURCES], 1, [], bytestack.NotFoundError),
        # A POST could act twice: retried only with an idempotency key.
        (create_job, [unavailable(), Answer(201, body=CREATED_JOB)], 1, [], bytestack.InternalServerError),
        (create_job_idempotently, [unavailable(), Answer(201, body=CREATED_JOB)], 2, [(0.375, 0.5)], None),
    ],
    ids=["503-then-200", "429-retry-after", "503-retry-after-fraction", "503-retry-after-past-date", "408", "503-exhausted", "429-exhausted",
         "retry-after-too-long", "404-final", "post-not-retried", "post-with-idempotency-key"],
)
def test_request_retries_with_the_expected_waits_when_the_answer_is_retryable(
    call: Callable[[ByteStack], object], script: List[Answer], attempts: int, backoffs: list, error: Optional[Type[Exception]]
) -> None:
    waits: List[float] = []
    with StandIn(script) as stand_in:
        c = client_for(stand_in, waits)
        if error:
            with pytest.raises(error):
                call(c)
        else:
            call(c)
    assert len(stand_in.seen) == attempts
    assert len(waits) == len(backoffs)
    for wait, (low, high) in zip(waits, backoffs):
        assert low <= wait <= high
    keys: Set[Optional[str]] = {s.headers.get("idempotency-key") for s in stand_in.seen}
    expected: Set[Optional[str]] = {"create-n-1"} if call is create_job_idempotently else {None}
    assert keys == expected


def test_request_raises_timeout_error_after_retries_when_the_server_is_silent() -> None:
    waits: List[float] = []
    with StandIn([Answer(200, body=[], delay=2.0)]) as stand_in:
        with pytest.raises(bytestack.APITimeoutError):
            client_for(stand_in, waits, max_retries=1, timeout=0.2).sources.list()
    assert len(stand_in.seen) == 2 and len(waits) == 1


def test_redirect_never_carries_the_key_when_it_leads_to_another_host() -> None:
    with StandIn([OK_SOURCES]) as elsewhere:
        moved = Answer(302, {"Location": f"http://localhost:{elsewhere.port}/v1/sources"}, b"")
        with StandIn([moved]) as origin:
            sources = client_for(origin, []).sources.list()
    assert [s.id for s in sources] == ["hackernews"]
    assert origin.seen[0].headers["authorization"] == f"Bearer {KEY}"
    assert len(elsewhere.seen) == 1 and "authorization" not in elsewhere.seen[0].headers


def test_client_reads_key_and_url_from_the_environment_when_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    with StandIn([OK_SOURCES]) as stand_in:
        monkeypatch.delenv("BYTESTACK_API_KEY", raising=False)
        monkeypatch.setenv("BITKIT_API_KEY", "bsk_from_bitkit")
        monkeypatch.setenv("BYTESTACK_BASE_URL", stand_in.url + "/")
        with ByteStack() as c:
            assert c.base_url == stand_in.url
            c.sources.list()
        monkeypatch.setenv("BYTESTACK_API_KEY", "bsk_from_bytestack")
        ByteStack().sources.list()
    assert [s.headers["authorization"] for s in stand_in.seen] == ["Bearer bsk_from_bitkit", "Bearer bsk_from_bytestack"]


def test_client_refuses_to_start_when_no_key_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BYTESTACK_API_KEY", raising=False)
    monkeypatch.delenv("BITKIT_API_KEY", raising=False)
    with pytest.raises(bytestack.ByteStackError, match="BYTESTACK_API_KEY"):
        ByteStack()
    monkeypatch.delenv("BYTESTACK_BASE_URL", raising=False)
    assert ByteStack(api_key="bsk_x").base_url == "http://127.0.0.1:5080"


def test_requests_escape_ids_and_keys_and_send_json_when_called() -> None:
    stored = {"key": "job_1/2026-04-30T08:00:00Z.json", "size_bytes": 2, "created_at": "2026-04-30T08:01:22Z",
              "job_id": "job_1", "locations": ["builtin"], "etag_kind": "new-field"}
    script = [
        Answer(200, body={"data": [stored], "next_cursor": None}),
        Answer(200, {"Content-Type": "application/json"}, b"{}"),
        Answer(200, body=CREATED_JOB),
        Answer(200, body=CREATED_JOB),
        Answer(201, body={"id": "qry_1", "query_id": "qry_1", "status": "queued", "created_at": "2026-04-30T10:00:00Z"}),
    ]
    with StandIn(script) as stand_in:
        c = client_for(stand_in, [])
        (listed,) = c.storage.list(prefix="job_1/", job_id="job 1&x")
        c.storage.download("job_1/2026-04-30T08:00:00Z.json?#")
        c.jobs.get("job_1/../keys")
        c.jobs.update("job_1", schedule={"type": "cron", "expression": "0 8 * * *"}, webhook_url=None)
        c.queries.create("p", ["hackernews"], date_range=(datetime(2026, 4, 24, tzinfo=timezone.utc), "2026-04-30T23:59:59Z"), limit=250)

    assert [(s.method, s.path) for s in stand_in.seen] == [
        ("GET", "/v1/storage?prefix=job_1%2F&job_id=job+1%26x"),
        ("GET", "/v1/storage/job_1/2026-04-30T08%3A00%3A00Z.json%3F%23"),
        ("GET", "/v1/jobs/job_1%2F..%2Fkeys"),
        ("PATCH", "/v1/jobs/job_1"),
        ("POST", "/v1/queries"),
    ]
    assert json.loads(stand_in.seen[3].body) == {"schedule": {"type": "cron", "expression": "0 8 * * *"}, "webhook_url": None}
    assert json.loads(stand_in.seen[4].body) == {
        "prompt": "p", "sources": ["hackernews"], "limit": 250,
        "date_range": {"from": "2026-04-24T00:00:00Z", "to": "2026-04-30T23:59:59Z"},
    }
    assert stand_in.seen[4].headers["content-type"] == "application/json"
    assert stand_in.seen[0].headers["user-agent"].startswith("bytestack-python/")
    assert listed.extra == {"etag_kind": "new-field"} and listed.created_at == datetime(2026, 4, 30, 8, 1, 22, tzinfo=timezone.utc)
    with pytest.raises(AttributeError):
        listed.key = "other"  # type: ignore[misc]


def test_analytics_get_sends_from_to_and_reads_the_answer_when_called() -> None:
    answer = {
        "from": "2026-04-01T00:00:00Z", "to": "2026-04-03T00:00:00Z", "interval": "day", "job_id": "job_1",
        "summary": {"total_mentions": 7, "unique_users": 5, "positive_count": 3, "negative_count": 1, "neutral_count": 3,
                    "previous": {"from": "2026-03-30T00:00:00Z", "to": "2026-04-01T00:00:00Z", "total_mentions": 2, "unique_users": 2, "positive_count": 1, "negative_count": 0, "neutral_count": 1}},
        "series": [{"at": "2026-04-01T00:00:00Z", "by_source": {"hackernews": 4}, "mentions": 4, "unique_users": 3, "positive_count": 2,
                    "negative_count": 1, "neutral_count": 1}],
        "by_source": {"hackernews": {"mentions": 7, "unique_users": 5}},
        "top_authors": [{"source": "hackernews", "author": "jdoe", "mentions": 2}],
    }
    with StandIn([Answer(200, body=answer)]) as stand_in:
        result = client_for(stand_in, []).analytics.get(
            job_id="job_1", start=datetime(2026, 4, 1, tzinfo=timezone.utc), end="2026-04-03T00:00:00Z", interval="day")
    assert stand_in.seen[0].path == "/v1/analytics?job_id=job_1&from=2026-04-01T00%3A00%3A00Z&to=2026-04-03T00%3A00%3A00Z&interval=day"
    assert (result.start, result.interval, result.summary.previous.total_mentions) == (datetime(2026, 4, 1, tzinfo=timezone.utc), "day", 2)  # type: ignore[union-attr]
    assert result.summary.previous.start == datetime(2026, 3, 30, tzinfo=timezone.utc) and result.job_id == "job_1"  # type: ignore[union-attr]
    assert (result.series[0].by_source, result.series[0].mentions) == ({"hackernews": 4}, 4) and result.top_authors[0].author == "jdoe"
    assert result.by_source["hackernews"].mentions == 7


def test_download_retries_when_the_body_is_cut_off_and_raises_when_it_always_is(tmp_path) -> None:
    whole = b'{"result": {"summary": "whole"}}'
    waits: List[float] = []
    with StandIn([Answer(200, body=whole, truncated=True), Answer(200, body=whole)]) as stand_in:
        assert client_for(stand_in, waits).storage.download("job_1/a.json") == whole
    assert len(stand_in.seen) == 2 and len(waits) == 1

    with StandIn([Answer(200, body=whole, truncated=True)]) as stand_in:
        with pytest.raises(bytestack.APIConnectionError):
            client_for(stand_in, [], max_retries=0).storage.download_to("job_1/a.json", tmp_path / "a.json")
    assert list(tmp_path.iterdir()) == []


def test_request_raises_api_error_when_a_success_is_not_json() -> None:
    with StandIn([Answer(200, {"Content-Type": "text/html"}, b"<html>a proxy's page</html>")]) as stand_in:
        with pytest.raises(bytestack.APIError, match="not JSON"):
            client_for(stand_in, []).sources.list()
