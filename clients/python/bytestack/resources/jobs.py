from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union

from .._models import Job, Page, Run, SchedulePreview, Timeline
from ._base import NOT_GIVEN, DateRangeInput, Resource, date_range_body, segment, without_not_given

ScheduleInput = Union[str, Mapping[str, Any]]


class Jobs(Resource):
    """Saved questions that run on a schedule, their runs and their day."""

    def create(
        self,
        name: str,
        prompt: str,
        sources: Sequence[str],
        schedule: ScheduleInput,
        *,
        limit: Optional[int] = None,
        date_range: Optional[DateRangeInput] = None,
        webhook_url: Optional[str] = None,
        idempotency_key: Optional[str] = None,
    ) -> Job:
        """Creates a job; it starts ``active``.

        ``schedule``: ``"every_hour"``, ``"every_6_hours"``, ``"every_12_hours"``, ``"daily"``, a
        5-field cron string such as ``"0 8 * * *"`` (UTC), or ``{"type": "cron", "expression": …}``.
        POSTs are not retried unless ``idempotency_key`` is given.
        """
        body: Dict[str, Any] = {"name": name, "prompt": prompt, "sources": list(sources), "schedule": schedule}
        if limit is not None:
            body["limit"] = limit
        if date_range is not None:
            body["date_range"] = date_range_body(date_range)
        if webhook_url is not None:
            body["webhook_url"] = webhook_url
        return Job.from_dict(self._client.request("POST", "/v1/jobs", body=body, idempotency_key=idempotency_key))

    def get(self, job_id: str) -> Job:
        return self._client._get_model(Job, "/v1/jobs/" + segment(job_id))

    def list(self, state: Optional[str] = None, *, page_size: Optional[int] = None) -> List[Job]:
        """Every job (``state``: active, running, paused or failed), newest first, all pages fetched."""
        return list(self.iter(state, page_size=page_size))

    def iter(self, state: Optional[str] = None, *, page_size: Optional[int] = None) -> Iterator[Job]:
        """Like :meth:`list`, page by page as the loop goes."""
        for page in self.pages(state, page_size=page_size):
            yield from page.data

    def pages(self, state: Optional[str] = None, *, page_size: Optional[int] = None) -> Iterator[Page[Job]]:
        return self._client._pages(Job, "/v1/jobs", {"state": state}, page_size)

    def update(
        self,
        job_id: str,
        *,
        name: str = NOT_GIVEN,
        prompt: str = NOT_GIVEN,
        sources: Sequence[str] = NOT_GIVEN,
        schedule: ScheduleInput = NOT_GIVEN,
        limit: int = NOT_GIVEN,
        date_range: Optional[DateRangeInput] = NOT_GIVEN,
        webhook_url: Optional[str] = NOT_GIVEN,
        state: str = NOT_GIVEN,
    ) -> Job:
        """Changes the fields given (``None`` clears ``date_range`` or ``webhook_url``). A new schedule counts from now."""
        body = without_not_given(
            {
                "name": name,
                "prompt": prompt,
                "sources": list(sources) if sources is not NOT_GIVEN else NOT_GIVEN,
                "schedule": schedule,
                "limit": limit,
                "date_range": date_range_body(date_range) if date_range is not NOT_GIVEN else NOT_GIVEN,
                "webhook_url": webhook_url,
                "state": state,
            }
        )
        return Job.from_dict(self._client.request("PATCH", "/v1/jobs/" + segment(job_id), body=body))

    def delete(self, job_id: str, *, delete_results: bool = False) -> None:
        """Deletes the job; its result files stay unless ``delete_results=True``."""
        self._client.request("DELETE", "/v1/jobs/" + segment(job_id), params={"delete_results": True if delete_results else None})

    def pause(self, job_id: str) -> Job:
        """No more scheduled runs until resumed (a run already started finishes)."""
        return Job.from_dict(self._client.request("POST", f"/v1/jobs/{segment(job_id)}/pause"))

    def resume(self, job_id: str) -> Job:
        """Active again, from the next occurrence after now (no burst of old slots)."""
        return Job.from_dict(self._client.request("POST", f"/v1/jobs/{segment(job_id)}/resume"))

    def run(self, job_id: str) -> Run:
        """Runs the job now; answers the ``pending`` run (``ConflictError`` while one is pending or running).
        Wait for it with ``client.runs.wait(run.id)``."""
        return Run.from_dict(self._client.request("POST", f"/v1/jobs/{segment(job_id)}/run"))

    def runs(self, job_id: str, *, page_size: Optional[int] = None) -> List[Run]:
        """The job's run history, newest first, every page fetched."""
        return list(self.iter_runs(job_id, page_size=page_size))

    def iter_runs(self, job_id: str, *, page_size: Optional[int] = None) -> Iterator[Run]:
        for page in self._client._pages(Run, f"/v1/jobs/{segment(job_id)}/runs", {}, page_size):
            yield from page.data

    def timeline(self, job_id: Optional[str] = None, *, date: Optional[Union[Date, str]] = None, tz: Optional[str] = None) -> Timeline:
        """What ran and what is still to come on ``date`` (default today) in ``tz`` (default UTC); one job's, or the project's without ``job_id``."""
        path = f"/v1/jobs/{segment(job_id)}/timeline" if job_id is not None else "/v1/timeline"
        day = (date.date() if isinstance(date, datetime) else date).isoformat() if isinstance(date, Date) else date
        return self._client._get_model(Timeline, path, {"date": day, "tz": tz})


class Schedules(Resource):
    """Schedules as the API reads them, for forms."""

    def preview(self, schedule: str, *, count: Optional[int] = None) -> SchedulePreview:
        """The schedule's description and its next ``count`` (default 5) fire times."""
        return self._client._get_model(SchedulePreview, "/v1/schedules/preview", {"schedule": schedule, "count": count})
