from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from .._models import Analytics as AnalyticsModel
from ._base import Resource


class Analytics(Resource):
    """Mentions, authors and sentiment over time, across runs."""

    def get(
        self,
        *,
        job_id: Optional[str] = None,
        start: Optional[Union[datetime, str]] = None,
        end: Optional[Union[datetime, str]] = None,
        interval: Optional[str] = None,
    ) -> AnalyticsModel:
        """``GET /v1/analytics``: one job's or (without ``job_id``) the project's, from ``start`` to ``end``
        (sent as ``from``/``to``), by ``interval`` ``"hour"`` or ``"day"``."""
        params = {"job_id": job_id, "from": start, "to": end, "interval": interval}
        return self._client._get_model(AnalyticsModel, "/v1/analytics", params)
