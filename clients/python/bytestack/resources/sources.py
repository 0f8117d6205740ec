from __future__ import annotations

from typing import List

from .._models import Source
from ._base import Resource


class Sources(Resource):
    """The places posts come from."""

    def list(self) -> List[Source]:
        """Every source, and whether this service can ask it (``ready``, ``needs_credentials``, ``unavailable``)."""
        return [Source.from_dict(s) for s in self._client.request("GET", "/v1/sources")]
