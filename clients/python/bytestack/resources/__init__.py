"""The API's resources, reached as attributes of :class:`bytestack.ByteStack` (``client.storage``, ``client.jobs``, …)."""

from .analytics import Analytics
from .jobs import Jobs, Schedules
from .keys import Keys
from .queries import Queries
from .runs import Runs
from .sources import Sources
from .storage import Bucket, Deliveries, Storage
from .webhooks import Webhooks

__all__ = ["Analytics", "Bucket", "Deliveries", "Jobs", "Keys", "Queries", "Runs", "Schedules", "Sources", "Storage", "Webhooks"]
