"""Wagtail's frontend-cache purge, sent once the change is committed.

Wagtail purges from inside the publishing transaction (``page_published`` is sent in
``Revision.publish``, an atomic block). A visitor arriving between the purge and the commit
would put the old page back into the cache for ``PUBLIC_CACHE_SECONDS``; purging after the
commit closes that window. A purge that fails (the cache is down) is logged by Wagtail and
does not fail the publish.
"""

from django.db import transaction

from wagtail.contrib.frontend_cache.backends import HTTPBackend


class CommittedHTTPBackend(HTTPBackend):
    def purge(self, url):
        transaction.on_commit(lambda: super(CommittedHTTPBackend, self).purge(url))
