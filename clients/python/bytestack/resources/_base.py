from __future__ import annotations

import urllib.parse
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple, Union

from .._models import DateRange

if TYPE_CHECKING:
    from .._client import ByteStack

DateRangeInput = Union[DateRange, Tuple[Union[datetime, str], Union[datetime, str]], Mapping[str, Any]]


class NotGiven:
    """Marks a parameter left out, where ``None`` means "clear it" (e.g. a job's ``webhook_url``)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Any = NotGiven()


class Resource:
    def __init__(self, client: "ByteStack") -> None:
        self._client = client


def segment(value: str) -> str:
    """One path segment: every reserved character percent-encoded, so an id can never change the path."""
    if not value:
        raise ValueError("An id or key must not be empty.")
    return urllib.parse.quote(value, safe="")


def date_range_body(value: Optional[DateRangeInput]) -> Optional[Dict[str, Any]]:
    """``{"from", "to"}`` for a DateRange, a ``(from, to)`` pair or a mapping with either spelling."""
    if value is None:
        return None
    if isinstance(value, DateRange):
        return {"from": value.start, "to": value.end}
    if isinstance(value, Mapping):
        start = value.get("from", value.get("start"))
        end = value.get("to", value.get("end"))
        return {"from": start, "to": end}
    start, end = value
    return {"from": start, "to": end}


def without_not_given(fields: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not NOT_GIVEN}
