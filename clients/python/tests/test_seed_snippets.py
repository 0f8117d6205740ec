"""The storage seed's two snippets, run as written against a real service and a real bucket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3

from bytestack import ByteStack, RunDeliveries

from conftest import REPO, S3rver, Server, wait_until

SNIPPETS = Path(__file__).parent / "snippets"


def run_snippet(path: Path, env: dict) -> str:
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_storage_snippet_prints_summary_and_records_when_a_run_completed(server: Server, project_key: str, client: ByteStack, finished_run) -> None:
    run = finished_run()
    assert run.status == "completed" and run.result_key
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BYTESTACK_", "BITKIT_"))}
    env.update(BYTESTACK_API_KEY=project_key, BYTESTACK_BASE_URL=server.url, PYTHONPATH=str(REPO / "clients" / "python"))

    out = run_snippet(SNIPPETS / "storage_seed.py", env)

    (stored,) = client.storage.list()
    expected = json.loads(client.storage.download(run.result_key))
    lines = out.splitlines()
    assert lines[0] == f"{run.result_key}{stored.size_bytes} bytes — {stored.created_at}"
    assert f"Summary: {expected['result']['summary']}" in lines
    assert "Total results: 5" in lines
    records = expected["result"]["records"]
    assert len(records) == 5
    assert lines[-5:] == [str(r) for r in records]
    assert expected["run_id"] == run.id and "Acme was mentioned 5 times" in expected["result"]["summary"]


def test_boto3_snippet_reads_the_same_bytes_as_download_when_a_run_delivered_to_the_bucket(
    client: ByteStack, finished_run, s3rver: S3rver, tmp_path: Path
) -> None:
    bucket = client.storage.bucket.connect(s3rver.endpoint, "results", s3rver.access_key, s3rver.secret_key)
    assert bucket.status == "active" and bucket.bucket == "results"
    run = finished_run()
    assert run.status == "completed" and run.result_key
    wait_until(lambda: (client.runs.get(run.id).deliveries or RunDeliveries(None, None)).bucket == "delivered", "the bucket delivery")

    # The seed's snippet with only the endpoint, bucket, credentials and key filled in.
    snippet = (SNIPPETS / "boto3_seed.py").read_text()
    for placeholder, value in [
        ("https://s3.us-east-1.amazonaws.com", s3rver.endpoint),
        ("YOUR_ACCESS_KEY", s3rver.access_key),
        ("YOUR_SECRET_KEY", s3rver.secret_key),
        ("your-bucket-name", "results"),
        ("job_01hx9jk2p4n5m6r7s8t9u0v1w/2026-04-30T08:00:00Z.json", run.result_key),
    ]:
        assert placeholder in snippet
        snippet = snippet.replace(placeholder, value)
    (tmp_path / "boto3_snippet.py").write_text(snippet)
    out = run_snippet(tmp_path / "boto3_snippet.py", {**os.environ, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull})

    downloaded = client.storage.download(run.result_key)
    assert out == json.loads(downloaded)["result"]["summary"] + "\n"
    s3 = boto3.client("s3", endpoint_url=s3rver.endpoint, aws_access_key_id=s3rver.access_key, aws_secret_access_key=s3rver.secret_key)
    assert s3.get_object(Bucket="results", Key=run.result_key)["Body"].read() == downloaded
    assert "bucket" in next(f for f in client.storage.list() if f.key == run.result_key).locations
