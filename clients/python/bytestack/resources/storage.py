from __future__ import annotations

import http.client
import os
import socket
import tempfile
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Sequence, Union

from .._exceptions import APIConnectionError, APITimeoutError
from .._models import Bucket as BucketModel
from .._models import Delivery, Page, RetryResult, StoredFile
from ._base import Resource, segment

if TYPE_CHECKING:
    from .._client import ByteStack

_CHUNK = 64 * 1024


def _key_path(key: str) -> str:
    # Keys contain '/' ({job_id}/{time}.json): it stays raw; every other reserved character is escaped.
    if not key:
        raise ValueError("A storage key must not be empty.")
    return "/v1/storage/" + urllib.parse.quote(key, safe="/")


class Storage(Resource):
    """Result files: list them newest first, download, delete. ``bucket`` and ``deliveries`` manage copies to your own bucket."""

    def __init__(self, client: "ByteStack") -> None:
        super().__init__(client)
        self.bucket = Bucket(client)
        self.deliveries = Deliveries(client)

    def list(self, prefix: Optional[str] = None, job_id: Optional[str] = None, *, page_size: Optional[int] = None) -> List[StoredFile]:
        """Every matching file, newest first, all pages fetched (so ``files[0]`` is the latest).

        ``prefix`` narrows by key (raw scrape logs appear only with ``prefix="logs/…"``),
        ``job_id`` to one job's results. ``page_size`` (1–1000) is how many come per request.
        """
        return [f for page in self.pages(prefix, job_id, page_size=page_size) for f in page.data]

    def iter(self, prefix: Optional[str] = None, job_id: Optional[str] = None, *, page_size: Optional[int] = None) -> Iterator[StoredFile]:
        """Like :meth:`list`, but lazily: the next page is fetched only when the loop reaches it."""
        for page in self.pages(prefix, job_id, page_size=page_size):
            yield from page.data

    def pages(self, prefix: Optional[str] = None, job_id: Optional[str] = None, *, page_size: Optional[int] = None) -> Iterator[Page[StoredFile]]:
        """The pages themselves, one request each, lazily."""
        return self._client._pages(StoredFile, "/v1/storage", {"prefix": prefix, "job_id": job_id}, page_size)

    def download(self, key: str) -> bytes:
        """The file's bytes (result files are JSON: ``json.loads(data)``)."""
        return self._client._bytes(_key_path(key))

    def download_to(self, key: str, path: Union[str, "os.PathLike[str]"]) -> Path:
        """Streams the file to ``path`` without holding it in memory; the file appears whole or not at all."""
        target = Path(path)
        url = self._client.base_url + _key_path(key)
        with self._client.request("GET", _key_path(key), stream=True) as response:
            handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            try:
                # http.client's read(n) ends quietly at a premature close, so the length is checked here.
                expected, received = response.length, 0
                with os.fdopen(handle, "wb") as out:
                    while True:
                        # Reading is the connection's business, writing the disk's: only the first becomes an API error.
                        try:
                            chunk = response.read(_CHUNK)
                        except (socket.timeout, TimeoutError):
                            raise APITimeoutError(method="GET", url=url) from None
                        except (OSError, http.client.HTTPException) as error:
                            raise APIConnectionError(f"The download of {key!r} broke off: {error}", method="GET", url=url) from None
                        if not chunk:
                            break
                        received += len(chunk)
                        out.write(chunk)
                if expected is not None and received < expected:
                    raise APIConnectionError(f"The download of {key!r} broke off after {received} of {expected} bytes.", method="GET", url=url)
                os.replace(partial, target)
            except BaseException:
                os.unlink(partial)
                raise
        return target

    def delete(self, key: str) -> None:
        """Deletes the file from built-in storage (a copy in your bucket stays)."""
        self._client.request("DELETE", _key_path(key))


class Bucket(Resource):
    """Your own S3-compatible bucket, which receives every result file (admin key)."""

    def get(self) -> BucketModel:
        """The connection (the access key masked, never the secret). 404 when none is connected."""
        return self._client._get_model(BucketModel, "/v1/storage/bucket")

    def connect(
        self,
        endpoint: str,
        bucket: str,
        access_key: str,
        secret_key: str,
        *,
        region: Optional[str] = None,
        force_path_style: Optional[bool] = None,
        prefix: Optional[str] = None,
    ) -> BucketModel:
        """Saves the connection after a test write succeeds; a failed one raises ``UnprocessableEntityError``
        with ``code == "bucket_verification_failed"`` and a ``detail`` that says what to check."""
        body: Dict[str, object] = {"endpoint": endpoint, "bucket": bucket, "access_key": access_key, "secret_key": secret_key}
        for name, value in (("region", region), ("force_path_style", force_path_style), ("prefix", prefix)):
            if value is not None:
                body[name] = value
        return BucketModel.from_dict(self._client.request("PUT", "/v1/storage/bucket", body=body))

    def verify(self) -> BucketModel:
        """Runs the test write again."""
        return BucketModel.from_dict(self._client.request("POST", "/v1/storage/bucket/verify"))

    def disconnect(self) -> None:
        """Stops copying results to the bucket (files already there stay)."""
        self._client.request("DELETE", "/v1/storage/bucket")


class Deliveries(Resource):
    """The outbox: result files on their way to your bucket and events on their way to webhooks."""

    def list(self, status: Optional[str] = None, kind: Optional[str] = None, *, page_size: Optional[int] = None) -> List[Delivery]:
        """Every delivery (``status``: pending, delivered, failed; ``kind``: bucket, webhook), newest first."""
        return list(self.iter(status, kind, page_size=page_size))

    def iter(self, status: Optional[str] = None, kind: Optional[str] = None, *, page_size: Optional[int] = None) -> Iterator[Delivery]:
        for page in self._client._pages(Delivery, "/v1/storage/deliveries", {"status": status, "kind": kind}, page_size):
            yield from page.data

    def get(self, delivery_id: str) -> Delivery:
        """One delivery with every attempt in ``history``."""
        return self._client._get_model(Delivery, "/v1/storage/deliveries/" + segment(delivery_id))

    def retry(self, ids: Optional[Sequence[str]] = None) -> RetryResult:
        """Tries failed deliveries again now: those in ``ids``, or every failed one."""
        body = {"ids": list(ids)} if ids is not None else None
        return RetryResult.from_dict(self._client.request("POST", "/v1/storage/deliveries/retry", body=body))
