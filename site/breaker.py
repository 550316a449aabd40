"""A circuit breaker for a service that may stop answering (Elasticsearch, Redis, the cache).

After a connection failure or a timeout the service is skipped for ``seconds``: the callers
answer without it at once instead of each waiting for the timeout. The first call after
that tries the service again.
"""

import time


class Breaker:
    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self):
        self.open_until = time.monotonic() + self.seconds
