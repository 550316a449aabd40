"""The teachers' library: who may download its files (the list is built in
``website.context.library_listing``)."""

from django.utils.cache import add_never_cache_headers

from wagtail.wagtail_hooks import require_wagtail_login


def is_restricted(document):
    """Whether any library page (live or draft) keeps ``document`` to logged-in accounts."""
    return document.library_pages.filter(restricted=True).exists()


def refuse_restricted_download(document, request):
    """``before_serve_document`` hook: an anonymous request for a restricted library file is
    sent to the login page, as Wagtail does for a private collection; nothing of the file
    is sent, and the answer is never cached."""
    if request.user.is_authenticated or not is_restricted(document):
        return None
    response = require_wagtail_login(next=request.get_full_path())
    add_never_cache_headers(response)
    return response
