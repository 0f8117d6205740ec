"""The API's objects as frozen dataclasses.

Every model is built from the JSON the API answers: known fields become attributes (times as
aware ``datetime`` objects, nested objects as models), and fields this version of the SDK does
not know yet are kept in ``extra`` so that a newer server never breaks an older client. Fields
that hold credentials are left out of ``repr()``.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Generic, List, Mapping, Optional, Tuple, Type, TypeVar, Union

__all__ = [
    "BaseModel",
    "Page",
    "StoredFile",
    "DateRange",
    "Schedule",
    "JobWarning",
    "LastRun",
    "Job",
    "RunDeliveries",
    "Run",
    "Upcoming",
    "Timeline",
    "RawLog",
    "RunLogs",
    "Record",
    "SourceBreakdown",
    "Sentiment",
    "QueryResult",
    "Query",
    "Webhook",
    "CreatedWebhook",
    "SigningSecret",
    "ApiKey",
    "CreatedApiKey",
    "Source",
    "Bucket",
    "DeliveryAttempt",
    "Delivery",
    "RetryResult",
    "SchedulePreview",
    "AnalyticsTotals",
    "AnalyticsSummary",
    "AnalyticsPoint",
    "AnalyticsSource",
    "TopAuthor",
    "Analytics",
    "parse_datetime",
]

M = TypeVar("M", bound="BaseModel")
T = TypeVar("T")

_FRACTION = re.compile(r"^(.*T\d\d:\d\d:\d\d)\.(\d+)(.*)$")


def parse_datetime(value: str) -> datetime:
    """An ISO 8601 time (or date) as an aware ``datetime``; UTC when the text names no offset.

    ``datetime.fromisoformat`` before Python 3.11 takes neither ``Z`` nor fractions other than 3 or
    6 digits, both of which the API may send.
    """
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    match = _FRACTION.match(text)
    if match:
        text = f"{match.group(1)}.{(match.group(2) + '000000')[:6]}{match.group(3)}"
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)


def _wire(*names: str) -> Dict[str, Tuple[str, ...]]:
    return {"wire": names}


class BaseModel:
    """What every model shares: built from the API's JSON with :meth:`from_dict`, back with :meth:`to_dict`."""

    extra: Dict[str, Any]

    @classmethod
    def from_dict(cls: Type[M], data: Mapping[str, Any]) -> M:
        """The model for one JSON object; unknown fields go to ``extra``."""
        hints = _hints(cls)
        values: Dict[str, Any] = {}
        known = set()
        for f in dataclasses.fields(cls):
            if f.name == "extra":
                continue
            names = f.metadata.get("wire", (f.name,))
            known.update(names)
            raw = next((data[n] for n in names if n in data), None)
            values[f.name] = _convert(hints[f.name], raw)
        values["extra"] = {k: v for k, v in data.items() if k not in known}
        return cls(**values)

    def to_dict(self) -> Dict[str, Any]:
        """The object as JSON-ready values (times in ISO 8601), ``extra`` included."""
        out: Dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "extra":
                continue
            out[f.metadata.get("wire", (f.name,))[0]] = _plain(getattr(self, f.name))
        out.update(self.extra)
        return out


_HINTS: Dict[type, Dict[str, Any]] = {}


def _hints(cls: type) -> Dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if tp is datetime:
        return parse_datetime(value) if isinstance(value, str) else value
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.from_dict(value) if isinstance(value, Mapping) else value
    if origin in (list, List) and isinstance(value, list):
        return [_convert(args[0], v) for v in value] if args else list(value)
    if origin in (dict, Dict, Mapping) and isinstance(value, Mapping):
        return {k: _convert(args[1], v) for k, v in value.items()} if args else dict(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, BaseModel):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _extra() -> Any:
    return field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items and the cursor of the next page (``None`` on the last)."""

    data: List[T]
    next_cursor: Optional[str]


# --- storage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredFile(BaseModel):
    """A result file in the project's storage. ``locations`` says where it is: ``builtin``, and ``bucket`` once delivered there."""

    key: str
    size_bytes: int
    created_at: datetime
    job_id: Optional[str]
    run_id: Optional[str]
    query_id: Optional[str]
    locations: List[str]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Bucket(BaseModel):
    """The project's connected S3-compatible bucket. ``access_key`` is masked; the secret is never returned."""

    status: str
    endpoint: str
    bucket: str
    access_key: str
    region: Optional[str]
    force_path_style: Optional[bool]
    prefix: Optional[str]
    verified_at: Optional[datetime]
    created_at: Optional[datetime]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class DeliveryAttempt(BaseModel):
    """One attempt of a delivery: when, how long, and how it ended."""

    number: int
    started_at: datetime
    duration_ms: int
    outcome: str
    error: Optional[str]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Delivery(BaseModel):
    """An outbox row: a result file to the bucket, or an event to a webhook (``target`` shows a webhook's origin only)."""

    id: str
    run_id: str
    job_id: str
    kind: str
    target: str
    webhook_id: Optional[str]
    status: str
    attempts: int
    last_attempt_at: Optional[datetime]
    next_attempt_at: Optional[datetime]
    last_error: Optional[str]
    created_at: datetime
    delivered_at: Optional[datetime]
    history: Optional[List[DeliveryAttempt]]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class RetryResult(BaseModel):
    """How many failed deliveries were queued again."""

    retried: int
    extra: Dict[str, Any] = _extra()


# --- jobs and runs --------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRange(BaseModel):
    """A time window, ``start`` inclusive and ``end`` exclusive. On the wire ``{"from", "to"}`` (``{"start", "end"}`` is read too)."""

    start: datetime = field(metadata=_wire("from", "start"))
    end: datetime = field(metadata=_wire("to", "end"))
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Schedule(BaseModel):
    """A job's schedule: ``type`` is ``interval`` (with ``interval``) or ``cron`` (with ``expression``), and a plain-English ``description``."""

    type: str
    interval: Optional[str]
    expression: Optional[str]
    description: str
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class JobWarning(BaseModel):
    """Why a job may not get answers yet, e.g. a source lacking credentials, and which setting to add."""

    code: str
    source: Optional[str]
    detail: str
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class LastRun(BaseModel):
    """The job object's summary of its most recent run."""

    id: str
    status: str
    trigger: str
    scheduled_for: datetime
    completed_at: Optional[datetime]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Job(BaseModel):
    """A saved question with a schedule. ``state`` is ``active``, ``running``, ``paused`` or ``failed``."""

    id: str
    name: str
    prompt: str
    sources: List[str]
    schedule: Schedule
    limit: int
    date_range: Optional[DateRange]
    webhook_url: Optional[str]
    state: str
    last_sync_at: Optional[datetime]
    next_sync_at: Optional[datetime]
    last_run: Optional[LastRun]
    failure: Optional[str]
    warnings: Optional[List[JobWarning]]
    created_at: datetime
    updated_at: datetime
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class RunDeliveries(BaseModel):
    """Where a run's result and event went: each ``pending``, ``delivered`` or ``failed`` (``None``: nothing to deliver)."""

    bucket: Optional[str]
    webhook: Optional[str]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Run(BaseModel):
    """One execution of a job. ``status``: ``pending``, ``running``, ``completed``, ``failed``, or the history rows ``skipped`` and ``missed``."""

    id: str
    job_id: str
    trigger: str
    scheduled_for: datetime
    started_at: Optional[datetime]
    completed_at: Optional[datetime]
    duration_ms: Optional[int]
    status: str
    record_count: Optional[int]
    total_results: Optional[int]
    error: Optional[str]
    result_key: Optional[str]
    attempt: Optional[int]
    missed_count: Optional[int]
    deliveries: Optional[RunDeliveries]
    extra: Dict[str, Any] = _extra()

    @property
    def is_finished(self) -> bool:
        """True once the run can change no more (completed, failed, skipped or missed)."""
        return self.status not in ("pending", "running")


@dataclass(frozen=True)
class Upcoming(BaseModel):
    """An occurrence still to come today."""

    job_id: str
    at: datetime
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Timeline(BaseModel):
    """A day in a time zone: the runs that started (``done``) and the occurrences still to come (``upcoming``)."""

    date: str
    tz: Optional[str]
    done: List[Run]
    upcoming: List[Upcoming]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class RawLog(BaseModel):
    """One raw answer a source gave during a run (credentials in the URL are masked)."""

    key: str
    source: str
    method: str
    url: str
    status: int
    received_at: datetime
    size_bytes: int
    truncated: bool
    body: str
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class RunLogs(BaseModel):
    """Every raw source answer of a run."""

    run_id: str
    data: List[RawLog]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class SchedulePreview(BaseModel):
    """A schedule as the API reads it, and its next fire times."""

    schedule: Schedule
    next: List[datetime]
    extra: Dict[str, Any] = _extra()


# --- queries and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Record(BaseModel):
    """One post that matched. ``sentiment`` is ``positive``, ``negative`` or ``neutral``."""

    id: str
    source: str
    author: str
    text: str
    url: Optional[str]
    created_at: datetime
    metrics: Optional[Dict[str, int]]
    sentiment: Optional[str]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class SourceBreakdown(BaseModel):
    """One source's share of a result, or (``status: unavailable``) why it could not be asked."""

    mentions: int
    unique_users: int
    status: Optional[str]
    reason: Optional[str]
    error_code: Optional[str]
    retry_at: Optional[datetime]
    window_enforced_by: Optional[str]
    note: Optional[str]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Sentiment(BaseModel):
    """Sentiment over the classified records: the three counts add up to ``classified``."""

    sentiment_score: float
    positive_count: int
    negative_count: int
    neutral_count: int
    classified: Optional[int]
    examples: Optional[Dict[str, List[str]]]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class QueryResult(BaseModel):
    """The answer to a question: counts, sentiment, a one-line summary and the matching records,
    and how the question was read (``intent``, ``terms``, ``exclusions``, ``planned_by``)."""

    summary: str
    total_results: int
    total_mentions: Optional[int]
    unique_users: Optional[int]
    date_range: Optional[DateRange]
    by_source: Dict[str, SourceBreakdown]
    sentiment: Optional[Sentiment]
    records: List[Record]
    notes: Optional[List[str]]
    intent: Optional[str]
    terms: Optional[List[str]]
    exclusions: Optional[List[str]]
    planned_by: Optional[str]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Query(BaseModel):
    """A one-off question. ``status``: ``queued``, ``running``, ``completed`` (with ``result``) or ``failed`` (with ``error``).

    Right after :meth:`~bytestack.resources.Queries.create` without ``wait`` only ``id``,
    ``status`` and ``created_at`` are known; the other fields are ``None`` until :meth:`get`.
    """

    id: str
    query_id: Optional[str]
    status: str
    prompt: Optional[str]
    sources: Optional[List[str]]
    date_range: Optional[DateRange]
    limit: Optional[int]
    created_at: datetime
    completed_at: Optional[datetime]
    result: Optional[QueryResult]
    error: Optional[str]
    result_key: Optional[str]
    extra: Dict[str, Any] = _extra()

    @property
    def is_finished(self) -> bool:
        """True once the query completed or failed."""
        return self.status in ("completed", "failed")


# --- webhooks, keys, sources ------------------------------------------------------------------


@dataclass(frozen=True)
class Webhook(BaseModel):
    """An endpoint notified after every job run."""

    id: str
    url: str
    events: List[str]
    created_at: datetime
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class CreatedWebhook(BaseModel):
    """A webhook just created or rotated, with its signing ``secret`` (shown this once; not in ``repr()``)."""

    id: str
    url: str
    events: List[str]
    created_at: datetime
    secret: str = field(repr=False)
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class SigningSecret(BaseModel):
    """The project's new secret for jobs' own ``webhook_url`` (shown this once; not in ``repr()``)."""

    secret: str = field(repr=False)
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class ApiKey(BaseModel):
    """An API key as listed: ``prefix`` identifies it; the value is never shown again."""

    id: str
    name: str
    prefix: str
    scopes: List[str]
    created_at: datetime
    revoked_at: Optional[datetime]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class CreatedApiKey(BaseModel):
    """A key just created, with its value ``key`` (shown this once; not in ``repr()``)."""

    id: str
    name: str
    prefix: str
    scopes: List[str]
    created_at: datetime
    key: str = field(repr=False)
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Source(BaseModel):
    """A source and whether this service can ask it: ``ready``, ``needs_credentials`` or ``unavailable``."""

    id: str
    name: str
    status: str
    detail: Optional[str]
    extra: Dict[str, Any] = _extra()


# --- analytics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalyticsTotals(BaseModel):
    """Mentions, authors and sentiment counts over a period (``start``/``end``: the period, when given)."""

    start: Optional[datetime] = field(metadata=_wire("from", "start"))
    end: Optional[datetime] = field(metadata=_wire("to", "end"))
    total_mentions: int = field()
    unique_users: int
    positive_count: int
    negative_count: int
    neutral_count: int
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class AnalyticsSummary(BaseModel):
    """The period's totals, and ``previous``: the same for the period of equal length before it."""

    total_mentions: int
    unique_users: int
    positive_count: int
    negative_count: int
    neutral_count: int
    previous: Optional[AnalyticsTotals]
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class AnalyticsPoint(BaseModel):
    """One hour or day of the series."""

    at: datetime
    by_source: Dict[str, int]
    mentions: Optional[int]
    unique_users: int
    positive_count: int
    negative_count: int
    neutral_count: int
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class AnalyticsSource(BaseModel):
    """One source's mentions and authors over the period."""

    mentions: int
    unique_users: int
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class TopAuthor(BaseModel):
    """An author among those who posted most."""

    source: str
    author: str
    mentions: int
    extra: Dict[str, Any] = _extra()


@dataclass(frozen=True)
class Analytics(BaseModel):
    """Mentions over time across runs; each post counts once, at the time it was posted."""

    start: datetime = field(metadata=_wire("from", "start"))
    end: datetime = field(metadata=_wire("to", "end"))
    interval: str = field()
    job_id: Optional[str] = field()
    summary: AnalyticsSummary = field()
    series: List[AnalyticsPoint] = field()
    by_source: Dict[str, AnalyticsSource] = field()
    top_authors: List[TopAuthor] = field()
    extra: Dict[str, Any] = _extra()
