"""A real ``bytestack serve`` on loopback for the suite: built once with ``dotnet build``, started from
the build output with its own data folder and port, fed by a local Hacker News stand-in, and stopped
at the end. Each test that reads or writes project data gets a project of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, List

import pytest

from bytestack import ByteStack, Run

from fixture_sources import HackerNewsSource

REPO = Path(__file__).resolve().parents[3]
SERVER_PROJECT = REPO / "src" / "ByteStack.Server"
# One process's worth of time for a busy CI machine to start the service or finish a run.
STARTUP_SECONDS = 120
RUN_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    admin_key: str
    data_dir: Path
    dll: Path
    args: List[str]

    def new_project(self) -> str:
        """A fresh project (so a test sees only its own files and jobs); answers its admin key."""
        slug = "t" + uuid.uuid4().hex[:12]
        done = subprocess.run(
            ["dotnet", str(self.dll), "projects", "create", slug, "--data-dir", str(self.data_dir), *self.args],
            capture_output=True, text=True, timeout=STARTUP_SECONDS, env=_server_env(),
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip().splitlines()[-1].strip()

    def client(self, key: str, **options: object) -> ByteStack:
        return ByteStack(api_key=key, base_url=self.url, **options)  # type: ignore[arg-type]


def _server_env() -> dict:
    # The tests' own configuration only: nothing from the caller's environment redirects the service.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ByteStack__", "BYTESTACK_", "BITKIT_"))}
    env["DOTNET_NOLOGO"] = "1"
    env["Logging__LogLevel__Default"] = "Warning"
    return env


def build_server() -> Path:
    subprocess.run(["dotnet", "build", str(SERVER_PROJECT), "--nologo", "-v", "q", "-c", "Debug"], check=True, env=_server_env())
    dll = SERVER_PROJECT / "bin" / "Debug" / "net10.0" / "bytestack.dll"
    assert dll.exists(), f"{dll} was not built"
    return dll


def start_server(dll: Path, data_dir: Path, args: List[str]) -> "tuple[subprocess.Popen, str]":
    url = f"http://127.0.0.1:{free_port()}"
    log = open(data_dir / "server.log", "wb")
    process = subprocess.Popen(
        ["dotnet", str(dll), "serve", "--urls", url, "--data-dir", str(data_dir), *args],
        stdout=log, stderr=subprocess.STDOUT, env=_server_env(), cwd=str(data_dir),
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"bytestack serve exited early:\n{(data_dir / 'server.log').read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return process, url
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                process.kill()
                raise
        time.sleep(0.1)  # polling a starting process: there is no event to wait on


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server_dll() -> Path:
    return build_server()


@pytest.fixture(scope="session")
def hn() -> Iterator[HackerNewsSource]:
    source = HackerNewsSource()
    yield source
    source.close()


@pytest.fixture(scope="session")
def server(server_dll: Path, hn: HackerNewsSource) -> Iterator[Server]:
    with tempfile.TemporaryDirectory(prefix="bytestack-sdk-") as folder:
        data_dir = Path(folder)
        args = [
            f"--ByteStack:Sources:HackerNews:BaseUrl={hn.base_url}",
            # The bucket (s3rver) is on loopback.
            "--ByteStack:Security:AllowPrivateNetworkTargets=true",
            "--ByteStack:Engine:PollInterval=00:00:00.200",
            "--ByteStack:Delivery:PollInterval=00:00:00.200",
            "--ByteStack:Queries:Workers=8",
        ]
        process, url = start_server(server_dll, data_dir, args)
        try:
            yield Server(url, (data_dir / "admin.key").read_text().strip(), data_dir, server_dll, args)
        finally:
            stop_server(process)


@pytest.fixture
def shared_client(server: Server) -> Iterator[ByteStack]:
    """The default project's admin: for tests that read only what they create themselves (or nothing)."""
    with server.client(server.admin_key) as c:
        yield c


@pytest.fixture
def project_key(server: Server) -> str:
    return server.new_project()


@pytest.fixture
def client(server: Server, project_key: str) -> Iterator[ByteStack]:
    with server.client(project_key) as c:
        yield c



ACME_PROMPT = "How many times was Acme mentioned on Hacker News today?"


@pytest.fixture
def finished_run(client: ByteStack) -> "Callable[..., Run]":
    """Creates a job on the Hacker News stand-in, runs it now and waits for the run to end."""

    def run(prompt: str = ACME_PROMPT) -> Run:
        job = client.jobs.create(name="Acme on HN", prompt=prompt, sources=["hackernews"], schedule="daily")
        started = client.jobs.run(job.id)
        return client.runs.wait(started.id, timeout=RUN_SECONDS, poll_interval=0.2)

    return run


def wait_until(condition: "Callable[[], bool]", what: str, timeout: float = RUN_SECONDS) -> None:
    """Polls a condition on the real service (a run delivering, …): there is no event to wait on."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.2)


@dataclass
class S3rver:
    endpoint: str
    access_key: str = "S3RVER"  # s3rver's one account
    secret_key: str = "S3RVER"


@pytest.fixture
def s3rver(tmp_path: Path) -> Iterator[S3rver]:
    """A real S3-compatible server (npm s3rver, installed by scripts/test.sh) with the bucket ``results``."""
    executable = os.environ.get("BYTESTACK_TEST_S3RVER") or str(REPO / "tools" / "s3rver" / "node_modules" / ".bin" / "s3rver")
    if not Path(executable).exists():
        raise RuntimeError("s3rver is not installed. Run the tests with ./scripts/test.sh, which installs it.")
    port = free_port()
    process = subprocess.Popen(
        [executable, "-d", str(tmp_path / "s3"), "-a", "127.0.0.1", "-p", str(port), "--silent", "--no-vhost-buckets",
         "--configure-bucket", "results"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield S3rver(f"http://127.0.0.1:{port}")
    finally:
        process.kill()
        process.wait()
