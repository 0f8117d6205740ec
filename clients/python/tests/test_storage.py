"""Listing, paging, downloading and deleting result files on a real service."""

from __future__ import annotations

from typing import List

import pytest

from bytestack import ByteStack, NotFoundError, StoredFile

from conftest import RUN_SECONDS, wait_until

FILES = 250


def test_list_fetches_every_page_newest_first_when_there_are_more_files_than_a_page(client: ByteStack, monkeypatch: pytest.MonkeyPatch) -> None:
    queued = [client.queries.create("How many times was Acme mentioned on Hacker News today?", ["hackernews"]) for _ in range(FILES)]
    wait_until(lambda: len(client.storage.list(page_size=1000)) == FILES, f"{FILES} result files", timeout=RUN_SECONDS * 2)

    pages = list(client.storage.pages(page_size=100))
    assert [len(p.data) for p in pages] == [100, 100, 50]
    assert [p.next_cursor is None for p in pages] == [False, False, True]

    files = client.storage.list()  # the API's default page (50): five requests
    assert len(files) == FILES and len({f.key for f in files}) == FILES
    assert {f.query_id for f in files} == {q.id for q in queued}
    assert [f.created_at for f in files] == sorted((f.created_at for f in files), reverse=True)
    assert all(f.created_at.tzinfo is not None and f.size_bytes > 0 and f.locations == ["builtin"] for f in files)
    assert [f.key for f in files] == [f.key for p in pages for f in p.data]

    # iter() asks for the next page only when the loop gets there.
    requests: List[str] = []
    send = client.request
    def counted(method: str, path: str, **options: object) -> object:
        requests.append(path)
        return send(method, path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(client, "request", counted)
    walked = client.storage.iter(page_size=100)
    first: StoredFile = next(walked)
    assert first.key == files[0].key and len(requests) == 1
    assert len(list(walked)) == FILES - 1 and len(requests) == 3


def test_list_narrows_to_one_job_and_delete_removes_the_file_when_given_a_job_id(client: ByteStack, finished_run) -> None:
    run = finished_run()
    other = finished_run()
    assert [f.key for f in client.storage.list(job_id=run.job_id)] == [run.result_key]
    assert [f.key for f in client.storage.list(prefix=other.job_id + "/")] == [other.result_key]
    (logs,) = client.storage.list(prefix=f"logs/{run.job_id}/")
    assert logs.key.startswith(f"logs/{run.job_id}/{run.id}/")

    client.storage.delete(run.result_key)
    assert [f.key for f in client.storage.list()] == [other.result_key]
    with pytest.raises(NotFoundError) as gone:
        client.storage.download(run.result_key)
    assert gone.value.code == "storage_not_found"


def test_download_resolves_a_query_result_when_given_the_bare_query_id(client: ByteStack) -> None:
    query = client.queries.run("How many times was Acme mentioned on Hacker News today?", ["hackernews"], wait=RUN_SECONDS, poll_interval=0.2)
    assert query.status == "completed" and query.result is not None and query.result_key
    assert client.storage.download(query.id) == client.storage.download(query.result_key)
