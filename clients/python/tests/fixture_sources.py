"""Local stand-ins for what the SDK talks to, on loopback: a Hacker News search API in Algolia's real
``search_by_date`` format (the source ``bytestack serve`` asks), and a scripted HTTP server for the
SDK's retry, redirect and timeout behaviour."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, Iterator, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from datetime import datetime, timezone

# (objectID, author, is_story, text): 2 positive, 1 negative, 2 neutral; 4 authors.
HN_POSTS = [
    ("41900005", "max", False, "Acme pricing changed today"),
    ("41900004", "lee", True, "Show HN: Acme plugin for Vim, love it"),
    ("41900003", "jdoe", False, "Acme support is terrible"),
    ("41900002", "kim", False, "We moved to Acme last year and it is great"),
    ("41900001", "jdoe", True, "Acme open-sources its scheduler"),
]

_WINDOW = re.compile(r"^created_at_i>=(\d+),created_at_i<(\d+)$")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HackerNewsSource:
    """Algolia's HN Search ``/api/v1/search_by_date``: every post falls inside the window asked for
    (one minute apart, newest first), so a run's window always finds all five. Inside
    ``with source.holding():`` a query for ``holdco`` gets no answer until the block ends, so a
    test can act while a run is in flight."""

    def __init__(self) -> None:
        self._open = threading.Event()
        self._open.set()
        self.requests: List[Dict[str, str]] = []
        source = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                source.requests.append(query)
                if url.path != "/api/v1/search_by_date":
                    return self._json(404, {"message": "Not Found", "status": 404})
                window = _WINDOW.match(query.get("numericFilters", ""))
                if not query.get("query") or not window or "hitsPerPage" not in query or "page" not in query:
                    return self._json(400, {"message": "search_by_date needs query, numericFilters, hitsPerPage and page", "status": 400})
                if query["query"].lower() == "holdco":
                    source._open.wait(timeout=60)
                start, end = int(window.group(1)), int(window.group(2))
                per_page, page = int(query["hitsPerPage"]), int(query["page"])
                hits = [_hit(post, max(start, end - 60 * (i + 1))) for i, post in enumerate(HN_POSTS)]
                shown = hits[page * per_page : (page + 1) * per_page]
                self._json(200, {
                    "hits": shown, "nbHits": len(hits), "page": page, "nbPages": (len(hits) + per_page - 1) // per_page,
                    "hitsPerPage": per_page, "exhaustiveNbHits": True, "exhaustiveTypo": True, "query": query["query"],
                    "params": url.query, "processingTimeMS": 1,
                })

            def _json(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/api/v1"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        self._open.clear()
        try:
            yield
        finally:
            self._open.set()

    def close(self) -> None:
        self._open.set()
        self._server.shutdown()
        self._server.server_close()


def _hit(post: Tuple[str, str, bool, str], at: int) -> Dict[str, object]:
    object_id, author, is_story, text = post
    created = datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    common = {"objectID": object_id, "created_at": created, "created_at_i": at, "author": author, "updated_at": created}
    if is_story:
        return {**common, "title": text, "url": "https://acme.example/blog", "story_text": None, "points": 120,
                "num_comments": 45, "_tags": ["story", f"author_{author}", f"story_{object_id}"]}
    return {**common, "comment_text": f"<p>{text}</p>", "story_id": 41900001, "story_title": "Acme open-sources its scheduler",
            "parent_id": 41900001, "points": None, "num_comments": None, "_tags": ["comment", f"author_{author}"]}


@dataclass
class Answer:
    """One scripted answer: status, headers, body; ``delay`` seconds of silence first, or a ``truncated`` body."""

    status: int = 200
    headers: Dict[str, str] = field(default_factory=dict)
    body: object = field(default_factory=dict)
    delay: float = 0.0
    # Promise more bytes than are sent, then close: a body cut off mid-way.
    truncated: bool = False


@dataclass
class Seen:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes


class StandIn:
    """A loopback HTTP server that answers from a script, in order, and records every request.
    Once the script runs out it keeps giving the last answer."""

    def __init__(self, script: List[Answer], on_request: Optional[Callable[["StandIn"], None]] = None) -> None:
        self.script = list(script)
        self.seen: List[Seen] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                stand_in.seen.append(Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)))
                answer = stand_in.script[min(len(stand_in.seen), len(stand_in.script)) - 1]
                if answer.delay:
                    threading.Event().wait(answer.delay)
                data = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
                self.send_response(answer.status)
                content_type = "application/problem+json" if answer.status >= 400 else "application/json"
                self.send_header("Content-Type", answer.headers.get("Content-Type", content_type))
                for name, value in answer.headers.items():
                    if name != "Content-Type":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data) + (10 if answer.truncated else 0)))
                self.end_headers()
                self.wfile.write(data)
                if answer.truncated:
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _answer

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "StandIn":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def problem(status: int, code: str, detail: str) -> Dict[str, object]:
    """An RFC 9457 problem document as the service writes it."""
    return {"type": f"urn:bytestack:error:{code}", "title": "Error.", "status": status, "detail": detail, "code": code}
