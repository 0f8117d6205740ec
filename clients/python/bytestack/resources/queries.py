from __future__ import annotations

import time
from typing import Any, Dict, Optional, Sequence

from .._exceptions import ByteStackError
from .._models import Query
from ._base import DateRangeInput, Resource, date_range_body, segment

# The longest the API holds a request open with ?wait=.
MAX_SERVER_WAIT = 60


class Queries(Resource):
    """One-off questions, answered in the background."""

    def create(
        self,
        prompt: str,
        sources: Sequence[str],
        *,
        date_range: Optional[DateRangeInput] = None,
        limit: Optional[int] = None,
        wait: Optional[int] = None,
        idempotency_key: Optional[str] = None,
    ) -> Query:
        """Submits a question. Without ``wait`` it answers at once with ``status="queued"``; with
        ``wait`` (seconds, at most 60) the server holds the request until the query ends, if it ends by then."""
        body: Dict[str, Any] = {"prompt": prompt, "sources": list(sources)}
        if date_range is not None:
            body["date_range"] = date_range_body(date_range)
        if limit is not None:
            body["limit"] = limit
        timeout = None if not wait else max(self._client.timeout, wait + 15)
        answer = self._client.request("POST", "/v1/queries", params={"wait": wait}, body=body, idempotency_key=idempotency_key, timeout=timeout)
        return Query.from_dict(answer)

    def get(self, query_id: str) -> Query:
        return self._client._get_model(Query, "/v1/queries/" + segment(query_id))

    def run(
        self,
        prompt: str,
        sources: Sequence[str],
        *,
        date_range: Optional[DateRangeInput] = None,
        limit: Optional[int] = None,
        wait: float = 300.0,
        poll_interval: float = 1.0,
    ) -> Query:
        """Asks and waits for the answer: completed (``result``) or failed (``error``).

        The server holds the first request up to 60 s; after that the query is polled every
        ``poll_interval`` seconds. ``ByteStackError`` if it has not ended after ``wait`` seconds.
        """
        deadline = time.monotonic() + wait
        query = self.create(prompt, sources, date_range=date_range, limit=limit, wait=max(0, min(MAX_SERVER_WAIT, int(wait))))
        while not query.is_finished:
            if time.monotonic() >= deadline:
                raise ByteStackError(f"Query {query.id} is still {query.status} after {wait:g} s.")
            self._client._sleep(poll_interval)
            query = self.get(query.id)
        return query
