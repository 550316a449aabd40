"""The teachers' library: its list (search and filters in the URL) and who may download.

The search folds diacritics on both sides (``careers.text.fold``), so "huong nghiep" and
"hướng nghiệp" find the same documents; every word typed must appear. The list costs the
same few queries whatever the number of documents (tests/website/test_library.py).
"""

from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from wagtail.wagtail_hooks import require_wagtail_login

from careers.text import fold
from website.listing import paginate
from website.parsing import strict_int

DOCUMENTS_PER_PAGE = 12
MAX_QUERY_WORDS = 8


def library_listing(index_page, request):
    from website.models import DocumentKind, LibraryDocumentPage, LibraryTopic
    from website.models.library import GRADES

    documents = (
        LibraryDocumentPage.objects.live()
        .child_of(index_page)
        .select_related("document", "topic")
        .order_by("-issued_on", "-pk")
    )
    errors = []
    query = request.GET.get("q", "").strip()[:200]
    for word in fold(query).split()[:MAX_QUERY_WORDS]:
        documents = documents.filter(search_text__contains=word)

    kind = request.GET.get("loai", "")
    if kind:
        if kind in DocumentKind.values:
            documents = documents.filter(kind=kind)
        else:
            message = _("Không có loại tài liệu “%(value)s”: đang hiện mọi loại.")
            errors.append(message % {"value": kind})
            kind = ""

    grade = None
    raw_grade = request.GET.get("lop", "")
    if raw_grade:
        grade = strict_int(raw_grade)
        if grade in GRADES:
            documents = documents.filter(grade_from__lte=grade, grade_to__gte=grade)
        else:
            message = _("Lớp “%(value)s” không hợp lệ (từ lớp 6 đến lớp 12).")
            errors.append(message % {"value": raw_grade})
            grade = None

    topics = list(LibraryTopic.objects.filter(documents__live=True).distinct())
    topic = None
    topic_slug = request.GET.get("chu-de", "")
    if topic_slug:
        topic = next((item for item in topics if item.slug == topic_slug), None)
        if topic:
            documents = documents.filter(topic=topic)
        else:
            message = _("Không có chủ đề “%(value)s”: đang hiện mọi chủ đề.")
            errors.append(message % {"value": topic_slug})

    return {
        "documents_page": paginate(documents, request, "trang", DOCUMENTS_PER_PAGE),
        "query": query,
        "kinds": DocumentKind.choices,
        "grades": list(GRADES),
        "topics": topics,
        "selected_kind": kind,
        "selected_grade": grade,
        "selected_topic": topic,
        "filter_errors": errors,
    }


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
