from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence

from .._models import ApiKey, CreatedApiKey
from ._base import Resource, segment


class Keys(Resource):
    """API keys of the project (admin key). Scopes are levels: ``read`` < ``write`` < ``admin``."""

    def create(self, name: str, scopes: Optional[Sequence[str]] = None, *, idempotency_key: Optional[str] = None) -> CreatedApiKey:
        """A new key (``scopes`` default ``["read"]``); its value ``key`` is shown only this once."""
        body: Dict[str, object] = {"name": name}
        if scopes is not None:
            body["scopes"] = list(scopes)
        return CreatedApiKey.from_dict(self._client.request("POST", "/v1/keys", body=body, idempotency_key=idempotency_key))

    def list(self, *, page_size: Optional[int] = None) -> List[ApiKey]:
        return list(self.iter(page_size=page_size))

    def iter(self, *, page_size: Optional[int] = None) -> Iterator[ApiKey]:
        for page in self._client._pages(ApiKey, "/v1/keys", {}, page_size):
            yield from page.data

    def revoke(self, key_id: str) -> None:
        """Revokes the key at once."""
        self._client.request("DELETE", "/v1/keys/" + segment(key_id))
