"""A process-memory cache bounded by the bytes it holds, not only by its entries."""

from django.core.cache.backends.locmem import DEFAULT_TIMEOUT, LocMemCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class SizeBoundedMemoryCache(LocMemCache):
    """Django's local-memory cache that also keeps its entries under MAX_BYTES.

    Entries are stored pickled, as LocMemCache stores them; past
    ``OPTIONS["MAX_BYTES"]`` the least recently used are dropped first, so a
    crawler asking for many variants of large pages cannot grow a worker
    without bound. ``MAX_ENTRIES`` still applies too.
    """

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        super()._set(key, value, timeout)
        # The most recently used entries come first: drop from the end.
        held = self.stored_bytes()
        while held > self._max_bytes and self._cache:
            old_key, old_value = self._cache.popitem()
            del self._expire_info[old_key]
            held -= len(old_value)

    def stored_bytes(self) -> int:
        """The bytes the entries take, pickled."""
        return sum(map(len, self._cache.values()))

    def __len__(self):
        return len(self._cache)
