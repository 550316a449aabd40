"""Wagtail's frontend-cache purge, sent once the change is committed, never hanging a publish.

Wagtail purges from inside the publishing transaction (``page_published`` is sent in
``Revision.publish``, an atomic block). A visitor arriving between the purge and the commit
would put the old page back into the cache for ``PUBLIC_CACHE_SECONDS``; purging after the
commit closes that window.

Wagtail's ``HTTPBackend`` sends its PURGE without a timeout, so a cache that accepts
connections and never answers would hang every publish. Here each PURGE waits at most
``TIMEOUT`` seconds (0.3 unless the backend's settings say otherwise; the cache is on this
machine and answers in milliseconds). A cache that refuses, times out or hangs is logged,
the rest of the batch is skipped (it would wait as long), and so is every purge for
``BREAKER_SECONDS``: one publish pays one timeout at most, and the publish completes.
"""

import logging
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.db import transaction

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

from website.breaker import Breaker

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5
_breakers = {}  # one per cache address, shared by every backend object (Wagtail makes many)


class CommittedHTTPBackend(HTTPBackend):
    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 0.3))
        super().__init__(params)
        self.breaker = _breakers.setdefault(self.cache_netloc, Breaker(BREAKER_SECONDS))

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        urls = list(urls)
        transaction.on_commit(lambda: self._send(urls))

    def _send(self, urls):
        for sent, url in enumerate(urls):
            if self.breaker.is_open():
                logger.error(
                    "Frontend cache %s unreachable: %d purges skipped",
                    self.cache_netloc,
                    len(urls) - sent,
                )
                return
            try:
                urlopen(self._request(url), timeout=self.timeout).close()  # noqa: S310 - our LOCATION
            except HTTPError as error:  # the cache answered: the next address may still purge
                logger.error("Couldn't purge %r from the cache: HTTP %s", url, error.code)
            except OSError as error:  # refused, timed out, reset: URLError is an OSError
                self.breaker.trip()
                logger.error(
                    "Frontend cache %s unreachable (%s): purges skipped for %d s",
                    self.cache_netloc,
                    error,
                    BREAKER_SECONDS,
                )

    def _request(self, url):
        """Wagtail's PURGE request for ``url``, sent to the cache's address."""
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        return PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]
            ),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
