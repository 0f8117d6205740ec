from __future__ import annotations

import time

from .._exceptions import ByteStackError
from .._models import Run, RunLogs
from ._base import Resource, segment


class Runs(Resource):
    """Runs of jobs: one run, its raw source answers, and waiting for it to end."""

    def get(self, run_id: str) -> Run:
        return self._client._get_model(Run, "/v1/runs/" + segment(run_id))

    def logs(self, run_id: str) -> RunLogs:
        """The raw answers the run's sources gave (kept 90 days)."""
        return self._client._get_model(RunLogs, f"/v1/runs/{segment(run_id)}/logs")

    def wait(self, run_id: str, *, timeout: float = 300.0, poll_interval: float = 1.0) -> Run:
        """Polls until the run has ended (completed or failed) and answers it; ``ByteStackError`` after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            run = self.get(run_id)
            if run.is_finished:
                return run
            if time.monotonic() >= deadline:
                raise ByteStackError(f"Run {run_id} is still {run.status} after {timeout:g} s.")
            self._client._sleep(poll_interval)
