from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence

from .._models import CreatedWebhook, SigningSecret, Webhook
from ._base import Resource, segment


class Webhooks(Resource):
    """Endpoints notified after every job run, signed ``X-ByteStack-Signature: sha256=<hex>`` (admin key)."""

    def create(self, url: str, events: Optional[Sequence[str]] = None, *, idempotency_key: Optional[str] = None) -> CreatedWebhook:
        """Registers an endpoint (``events`` default ``["job.completed"]``); the answer's ``secret`` is shown only this once."""
        body: Dict[str, object] = {"url": url}
        if events is not None:
            body["events"] = list(events)
        return CreatedWebhook.from_dict(self._client.request("POST", "/v1/webhooks", body=body, idempotency_key=idempotency_key))

    def list(self, *, page_size: Optional[int] = None) -> List[Webhook]:
        return list(self.iter(page_size=page_size))

    def iter(self, *, page_size: Optional[int] = None) -> Iterator[Webhook]:
        for page in self._client._pages(Webhook, "/v1/webhooks", {}, page_size):
            yield from page.data

    def get(self, webhook_id: str) -> Webhook:
        return self._client._get_model(Webhook, "/v1/webhooks/" + segment(webhook_id))

    def delete(self, webhook_id: str) -> None:
        self._client.request("DELETE", "/v1/webhooks/" + segment(webhook_id))

    def rotate_secret(self, webhook_id: str) -> CreatedWebhook:
        """A new secret for the webhook, shown this once; the old one stops signing at once."""
        return CreatedWebhook.from_dict(self._client.request("POST", f"/v1/webhooks/{segment(webhook_id)}/rotate-secret"))

    def signing_secret(self) -> SigningSecret:
        """A new project secret for jobs' own ``webhook_url``, shown this once."""
        return SigningSecret.from_dict(self._client.request("POST", "/v1/webhooks/signing-secret"))
