"""Every error class of the SDK, each from a real answer of a real service."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, Iterator, List, Type

import pytest

import bytestack
from bytestack import ByteStack

from conftest import Server, free_port, start_server, stop_server
from fixture_sources import HackerNewsSource

SOME_JOB_ID = "job_01hx9jk2p4n5m6r7s8t9u0v1wq"


def bad_limit(client: ByteStack, server: Server, hn: HackerNewsSource) -> None:
    client.storage.list(page_size=0)


def unknown_key(client: ByteStack, server: Server, hn: HackerNewsSource) -> None:
    server.client("bsk_" + "0" * 40).jobs.list()


def read_key_writes(client: ByteStack, server: Server, hn: HackerNewsSource) -> None:
    reader = client.keys.create("reader", scopes=["read"])
    server.client(reader.key).jobs.create(name="n", prompt="p", sources=["hackernews"], schedule="daily")


def missing_job(client: ByteStack, server: Server, hn: HackerNewsSource) -> None:
    client.jobs.get(SOME_JOB_ID)


def second_run_while_one_is_in_flight(client: ByteStack, server: Server, hn: HackerNewsSource) -> None:
    job = client.jobs.create(name="Held", prompt="How many times was Holdco mentioned on Hacker News today?", sources=["hackernews"], schedule="daily")
    # The first run cannot end while its source is held, so the second always finds it in flight.
    with hn.holding():
        client.jobs.run(job.id)
        client.jobs.run(job.id)


def impossible_schedule(client: ByteStack, server: Server, hn: HackerNewsSource) -> None:
    client.jobs.create(name="Never", prompt="Acme on Hacker News", sources=["hackernews"], schedule="0 0 30 2 *")


@pytest.mark.parametrize(
    "cause, error_class, status, code, field",
    [
        (bad_limit, bytestack.BadRequestError, 400, "invalid_limit", "limit"),
        (unknown_key, bytestack.AuthenticationError, 401, None, None),
        (read_key_writes, bytestack.PermissionDeniedError, 403, None, None),
        (missing_job, bytestack.NotFoundError, 404, "job_not_found", None),
        (second_run_while_one_is_in_flight, bytestack.ConflictError, 409, "run_in_progress", None),
        (impossible_schedule, bytestack.UnprocessableEntityError, 422, "invalid_schedule", "schedule"),
    ],
    ids=lambda v: v.__name__ if callable(v) and not isinstance(v, type) else None,
)
def test_status_error_has_class_status_and_problem_when_the_server_refuses(
    shared_client: ByteStack, server: Server, hn: HackerNewsSource,
    cause: Callable[[ByteStack, Server, HackerNewsSource], None], error_class: Type[bytestack.APIStatusError],
    status: int, code: str, field: str,
) -> None:
    with pytest.raises(error_class) as raised:
        cause(shared_client, server, hn)
    error = raised.value
    assert isinstance(error, bytestack.APIStatusError) and isinstance(error, bytestack.ByteStackError)
    assert error.status_code == status
    assert error.code and (code is None or error.code == code)
    assert error.detail or error.title
    assert error.request_id
    assert str(error).startswith(f"{status} {error.code}")
    if field:
        assert error.errors[field]


@pytest.fixture
def broken_server(server_dll: Path) -> Iterator[Server]:
    """A service whose SQLite file turns to garbage while it runs: every request then fails inside it.
    Without pooling each request opens the file anew, so none can answer from an earlier connection."""
    with tempfile.TemporaryDirectory(prefix="bytestack-broken-") as folder:
        data_dir = Path(folder)
        database = data_dir / "broken.db"
        args = [f"--ByteStack:Database:ConnectionString=Data Source={database};Pooling=False"]
        process, url = start_server(server_dll, data_dir, args)
        try:
            key = (data_dir / "admin.key").read_text().strip()
            for leftover in (data_dir / "broken.db-wal", data_dir / "broken.db-shm"):
                leftover.unlink(missing_ok=True)
            database.write_bytes(b"this is not a database " * 200)
            yield Server(url, key, data_dir, server_dll, args)
        finally:
            stop_server(process)


def test_request_raises_internal_server_error_after_retries_when_the_service_fails(broken_server: Server) -> None:
    waits: List[float] = []
    client = ByteStack(api_key=broken_server.admin_key, base_url=broken_server.url, max_retries=1, sleep=waits.append)
    with pytest.raises(bytestack.InternalServerError) as raised:
        client.jobs.list()
    assert raised.value.status_code == 500 and raised.value.code == "internal_error"
    assert raised.value.request_id
    assert len(waits) == 1


def test_request_raises_connection_error_after_retries_when_nothing_listens(server: Server) -> None:
    waits: List[float] = []
    client = ByteStack(api_key="bsk_x", base_url=f"http://127.0.0.1:{free_port()}", max_retries=2, sleep=waits.append)
    with pytest.raises(bytestack.APIConnectionError) as raised:
        client.sources.list()
    assert not isinstance(raised.value, bytestack.APITimeoutError)
    assert len(waits) == 2
