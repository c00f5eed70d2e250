"""The size-bounded memory cache that holds each worker's kept pages."""

from consultation.cache_backends import SizeBoundedMemoryCache

KILOBYTE = b"x" * 1024


def bounded(max_bytes, name):
    cache = SizeBoundedMemoryCache(name, {"OPTIONS": {"MAX_BYTES": max_bytes}})
    cache.clear()
    return cache


def test_entries_beyond_the_byte_limit_push_out_the_least_recently_used():
    cache = bounded(10 * 1024, "test-bounded-lru")
    for n in range(30):
        cache.set(f"page-{n}", KILOBYTE)
        if n >= 1:
            cache.get("page-0")  # read often: stays

    assert cache.stored_bytes() <= 10 * 1024
    assert cache.get("page-0") == KILOBYTE
    assert cache.get("page-29") == KILOBYTE
    assert cache.get("page-1") is None
    assert 5 <= len(cache) <= 10


def test_an_entry_larger_than_the_limit_is_not_kept():
    cache = bounded(4 * 1024, "test-bounded-large")
    cache.set("small", KILOBYTE)

    cache.set("huge", KILOBYTE * 8)

    assert cache.get("huge") is None
    assert cache.stored_bytes() <= 4 * 1024
