"""Organisers at work: each one opens a page, reads it, opens the next.

`organisers_at_work(base, path, cookie, organisers, seconds)` runs one thread per
organiser: it waits 0.5 to 1.5 seconds (1 s on average, a quick reader; the first
wait spreads their starts), then opens a connection, sends the request with the
organiser's session cookie and reads the answer. Each latency runs from opening
the connection to the answer's last byte, as a browser's would.

Not wrk's delay(): wrk opens the next connection at once and waits with it open,
which holds one of gunicorn's sync workers idle for the whole reading time (a
browser, or the proxy in front of gunicorn, sends the request when it connects).
"""

import http.client
import random
import statistics
import threading
import time
from urllib.parse import urlsplit

READING_SECONDS = (0.5, 1.5)


def organisers_at_work(base, path, cookie, organisers, seconds):
    address = urlsplit(base)
    deadline = time.monotonic() + seconds
    latencies, errors = [], []
    lock = threading.Lock()

    def organiser(seed):
        reader = random.Random(seed)  # noqa: S311 - reading times, not secrets
        while True:
            time.sleep(reader.uniform(*READING_SECONDS))
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(
                    address.hostname, address.port, timeout=30
                )
                connection.request(
                    "GET", path, headers={"Cookie": f"sessionid={cookie}"}
                )
                response = connection.getresponse()
                response.read()
                connection.close()
                ok = response.status == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                (latencies if ok else errors).append(elapsed)

    threads = [
        threading.Thread(target=organiser, args=(seed,)) for seed in range(organisers)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    if len(latencies) < 2:
        percentiles = [0.0] * 99
    else:
        percentiles = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / duration,
        "p50": percentiles[49] * 1000,
        "p95": percentiles[94] * 1000,
        "p99": percentiles[98] * 1000,
        "errors": len(errors),
        "requests": len(latencies),
    }
