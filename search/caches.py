"""The one bounded cache of the search core: a thread-safe least-recently-used map.

Every cache lives on an index version, so a swapped build starts with empty ones
and a cached value is never stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class Lru:
    """A fixed number of entries; the least recently used one goes first.

    >>> cache = Lru(2)
    >>> cache.put("a", 1); cache.put("b", 2); _ = cache.get("a"); cache.put("c", 3)
    >>> cache.get("b") is None, cache.get("a"), cache.get("c")
    (True, 1, 3)
    """

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
