"""The errors the SDK raises: one base class, connection problems, and one class per kind of HTTP status."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Type

__all__ = [
    "ByteStackError",
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
]


class ByteStackError(Exception):
    """The base of every error this package raises (a missing API key included)."""


class APIError(ByteStackError):
    """A request to the API did not succeed. ``method`` and ``url`` say which (never its headers)."""

    def __init__(self, message: str, *, method: str, url: str) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url


class APIConnectionError(APIError):
    """No HTTP answer: the service could not be reached, or the connection broke."""

    def __init__(self, message: str = "Could not connect to the ByteStack API.", *, method: str, url: str) -> None:
        super().__init__(message, method=method, url=url)


class APITimeoutError(APIConnectionError):
    """The service did not answer within the client's ``timeout``."""

    def __init__(self, *, method: str, url: str) -> None:
        super().__init__("The request to the ByteStack API timed out.", method=method, url=url)


class APIStatusError(APIError):
    """The API answered with an error status. Its RFC 9457 problem document is read into the attributes.

    ``code`` is the API's stable machine code (``job_not_found``, ``invalid_schedule``, …), ``detail``
    the sentence for humans, ``errors`` the per-field messages of a validation failure and
    ``request_id`` what to quote when asking about the request.
    """

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        status_code: int,
        headers: Mapping[str, str],
        body: Any,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.headers = dict(headers)
        self.body = body
        problem: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
        self.code: Optional[str] = _str_or_none(problem.get("code"))
        self.title: Optional[str] = _str_or_none(problem.get("title"))
        self.detail: Optional[str] = _str_or_none(problem.get("detail"))
        raw_errors = problem.get("errors")
        self.errors: Dict[str, List[str]] = (
            {str(k): [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in raw_errors.items()}
            if isinstance(raw_errors, Mapping)
            else {}
        )
        self.request_id: Optional[str] = _header(headers, "x-request-id") or next(
            (problem[name] for name in ("request_id", "trace_id", "traceId") if isinstance(problem.get(name), str)), None
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, code={self.code!r}, detail={self.detail!r})"


class BadRequestError(APIStatusError):
    """400: a malformed body or a bad query parameter (``?limit=``, ``?cursor=``, …)."""

    status_code = 400


class AuthenticationError(APIStatusError):
    """401: the API key is missing, malformed or revoked."""

    status_code = 401


class PermissionDeniedError(APIStatusError):
    """403: the key lacks the scope (``read`` < ``write`` < ``admin``)."""

    status_code = 403


class NotFoundError(APIStatusError):
    """404: no such object in this key's project."""

    status_code = 404


class ConflictError(APIStatusError):
    """409: the object's state forbids it now (e.g. a run is already pending or running)."""

    status_code = 409


class UnprocessableEntityError(APIStatusError):
    """422: well-formed JSON with invalid values; see ``errors``."""

    status_code = 422


class RateLimitError(APIStatusError):
    """429: too many requests, or a quota is used up."""

    status_code = 429


class InternalServerError(APIStatusError):
    """5xx: the service failed or is unavailable."""

    status_code = 500


_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(*, method: str, url: str, status_code: int, headers: Mapping[str, str], body: Any) -> APIStatusError:
    """The exception for an error answer: its class from the status, its message from the problem document."""
    cls = _BY_STATUS.get(status_code) or (InternalServerError if status_code >= 500 else APIStatusError)
    problem: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
    code = problem.get("code")
    text = problem.get("detail") or problem.get("title") or (body if isinstance(body, str) and body else None)
    message = f"{status_code}"
    if code:
        message += f" {code}"
    if text:
        message += f": {str(text)[:500]}"
    error = cls(message, method=method, url=url, status_code=status_code, headers=headers, body=body)
    error.status_code = status_code
    return error


def _str_or_none(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None


def _header(headers: Mapping[str, str], name: str) -> Optional[str]:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None
