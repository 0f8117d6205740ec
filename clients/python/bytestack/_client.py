"""The client: configuration, the HTTP transport (urllib) and its retry policy."""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from types import TracebackType
from typing import Any, Callable, Dict, Iterator, Mapping, Optional, Type, TypeVar

from ._exceptions import APIConnectionError, APIError, APITimeoutError, ByteStackError, status_error
from ._models import BaseModel, Page
from ._version import __version__

__all__ = ["ByteStack", "DEFAULT_BASE_URL"]

DEFAULT_BASE_URL = "http://127.0.0.1:5080"
API_KEY_VARIABLES = ("BYTESTACK_API_KEY", "BITKIT_API_KEY")

# Methods that change nothing more when repeated; others are retried only with an idempotency key.
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_INITIAL_RETRY_DELAY = 0.5
_MAX_RETRY_DELAY = 8.0
# A Retry-After longer than this is not waited out: the error goes back to the caller instead.
_MAX_RETRY_AFTER = 60.0

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Response:
    """An answer the transport got: status, headers and the whole body."""

    status: int
    headers: Dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8")) if self.body else None


class ByteStack:
    """A client of the ByteStack REST API.

    ``api_key`` defaults to ``BYTESTACK_API_KEY``, then ``BITKIT_API_KEY`` (the name the public
    ByteStack docs use); ``base_url`` to ``BYTESTACK_BASE_URL``, else ``http://127.0.0.1:5080``.
    ``timeout`` is seconds per attempt; ``max_retries`` how many times a failed idempotent request
    (connection error, timeout, 408, 429, 5xx) is tried again. ``sleep`` is how the client waits
    between attempts and polls (tests pass a recorder).

    Use it as a context manager, or call :meth:`close` — though urllib keeps no connections open,
    so closing is a formality kept for symmetry with other clients.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        *,
        default_headers: Optional[Mapping[str, str]] = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        key = api_key if api_key is not None else next((os.environ[v] for v in API_KEY_VARIABLES if os.environ.get(v)), "")
        if not key:
            raise ByteStackError(
                "No API key: pass ByteStack(api_key=...) or set the BYTESTACK_API_KEY (or BITKIT_API_KEY) environment variable."
            )
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more.")
        self._api_key = key
        self.base_url = (base_url or os.environ.get("BYTESTACK_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise ByteStackError(f"base_url must start with http:// or https://, not {self.base_url!r}.")
        self.timeout = timeout
        self.max_retries = max_retries
        self._default_headers = dict(default_headers or {})
        self._sleep = sleep
        self._opener = urllib.request.build_opener()

        from .resources import Analytics, Jobs, Keys, Queries, Runs, Schedules, Sources, Storage, Webhooks

        self.storage = Storage(self)
        self.jobs = Jobs(self)
        self.runs = Runs(self)
        self.queries = Queries(self)
        self.webhooks = Webhooks(self)
        self.keys = Keys(self)
        self.sources = Sources(self)
        self.analytics = Analytics(self)
        self.schedules = Schedules(self)

    def __repr__(self) -> str:
        return f"ByteStack(base_url={self.base_url!r})"

    def __enter__(self) -> "ByteStack":
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]) -> None:
        self.close()

    def close(self) -> None:
        """Release what the client holds (nothing stays open between requests today)."""

    def with_options(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None) -> "ByteStack":
        """A copy of this client with another ``timeout`` or ``max_retries``."""
        return ByteStack(
            api_key=self._api_key,
            base_url=self.base_url,
            timeout=self.timeout if timeout is None else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            default_headers=self._default_headers,
            sleep=self._sleep,
        )

    # --- the transport ------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        stream: bool = False,
    ) -> Any:
        """Sends a request with retries; answers the decoded JSON body (``None`` when empty).

        With ``stream=True`` it answers the open ``http.client.HTTPResponse`` instead, for the
        caller to read and close. Error answers raise an :class:`APIStatusError` subclass.
        """
        response = self._send(method, path, params=params, body=body, idempotency_key=idempotency_key, timeout=timeout, stream=stream)
        if stream:
            return response
        try:
            return response.json()
        except ValueError:
            raise APIError("The API answered with a body that is not JSON.", method=method, url=self.base_url + path) from None

    def _bytes(self, path: str) -> bytes:
        """A GET's whole body as bytes; reading it is part of the attempt, so a broken read is retried too."""
        response: Response = self._send("GET", path, params=None, body=None, idempotency_key=None, timeout=None, stream=False)
        return response.body

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]],
        body: Any,
        idempotency_key: Optional[str],
        timeout: Optional[float],
        stream: bool,
    ) -> Any:
        url = self.base_url + path + _query_string(params)
        data = json.dumps(body, default=_json_default).encode("utf-8") if body is not None else None
        retryable = method in _IDEMPOTENT_METHODS or idempotency_key is not None
        attempt = 0
        while True:
            request = urllib.request.Request(url, data=data, method=method)
            # Unredirected: urllib copies only ordinary headers to a redirect's request, so the key
            # never follows a redirect to another host.
            request.add_unredirected_header("Authorization", f"Bearer {self._api_key}")
            request.add_header("Accept", "application/json")
            request.add_header("User-Agent", f"bytestack-python/{__version__}")
            for name, value in self._default_headers.items():
                request.add_header(name, value)
            if data is not None:
                request.add_header("Content-Type", "application/json")
            if idempotency_key is not None:
                request.add_header("Idempotency-Key", idempotency_key)

            can_retry = retryable and attempt < self.max_retries
            try:
                raw = self._opener.open(request, timeout=timeout if timeout is not None else self.timeout)
                if stream:
                    return raw
                with raw:
                    return Response(raw.status, dict(raw.headers.items()), raw.read())
            except urllib.error.HTTPError as error:
                with error:
                    headers = dict(error.headers.items()) if error.headers else {}
                    payload = _read_error_body(error)
                if can_retry and _should_retry(error.code):
                    self._sleep(_retry_delay(attempt, headers))
                    attempt += 1
                    continue
                raise status_error(method=method, url=url, status_code=error.code, headers=headers, body=payload) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                timed_out = isinstance(error, (socket.timeout, TimeoutError)) or isinstance(
                    getattr(error, "reason", None), (socket.timeout, TimeoutError)
                )
                if can_retry:
                    self._sleep(_retry_delay(attempt, {}))
                    attempt += 1
                    continue
                if timed_out:
                    raise APITimeoutError(method=method, url=url) from None
                reason = getattr(error, "reason", error)
                raise APIConnectionError(f"The request to the ByteStack API at {self.base_url} failed: {reason}", method=method, url=url) from None

    def _get_model(self, model: Type[M], path: str, params: Optional[Mapping[str, Any]] = None) -> M:
        return model.from_dict(self.request("GET", path, params=params))

    def _page(self, model: Type[M], path: str, params: Mapping[str, Any]) -> Page[M]:
        answer = self.request("GET", path, params=params)
        return Page([model.from_dict(item) for item in answer["data"]], answer.get("next_cursor"))

    def _pages(self, model: Type[M], path: str, params: Mapping[str, Any], page_size: Optional[int]) -> Iterator[Page[M]]:
        cursor: Optional[str] = None
        while True:
            page = self._page(model, path, {**params, "limit": page_size, "cursor": cursor})
            yield page
            if not page.next_cursor:
                return
            cursor = page.next_cursor


def _should_retry(status: int) -> bool:
    return status in (408, 429) or status >= 500


def _retry_delay(attempt: int, headers: Mapping[str, str]) -> float:
    """Retry-After (seconds or an HTTP date) when the server gives one, else exponential backoff with jitter."""
    lowered = {k.lower(): v for k, v in headers.items()}
    after: Optional[float] = _retry_after_seconds(lowered)
    if after is not None and 0 <= after <= _MAX_RETRY_AFTER:
        return after
    delay = min(_INITIAL_RETRY_DELAY * 2.0**attempt, _MAX_RETRY_DELAY)
    # Up to a quarter less, so clients that failed together do not come back together.
    return delay * (1 - 0.25 * random.random())


def _retry_after_seconds(headers: Mapping[str, str]) -> Optional[float]:
    if "retry-after-ms" in headers:
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    # The server's date against this machine's clock: the only clock a client has.
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _read_error_body(error: urllib.error.HTTPError) -> Any:
    try:
        raw = error.read()
    except (OSError, http.client.HTTPException):
        return None
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def _query_string(params: Optional[Mapping[str, Any]]) -> str:
    if not params:
        return ""
    pairs = [(k, _param(v)) for k, v in params.items() if v is not None]
    return "?" + urllib.parse.urlencode(pairs) if pairs else ""


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _iso(value)
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, BaseModel):
        return value.to_dict()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone; pass an aware datetime (e.g. tzinfo=timezone.utc).")
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
