"""What the site-wide pages show: the news, event and library lists (filters and
pagination in the URL) and the links of a guide.

The library's search folds diacritics on both sides (``website.text.fold``), so "huong
nghiep" and "hướng nghiệp" find the same documents; every word typed must appear. Each list
costs the same few queries whatever its size (tests/website/test_library.py)."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from website.pagination import paginate
from website.parsing import strict_int
from website.text import fold

NEWS_PER_PAGE = 10
EVENTS_PER_PAGE = 12
DOCUMENTS_PER_PAGE = 12
MAX_QUERY_WORDS = 8
MAX_GUIDE_PROGRAMMES = 24


def parse_month(value):
    """``"2026-12"`` → (first instant of the month, first instant of the next), local time."""
    try:
        first = datetime.datetime.strptime(value, "%Y-%m")
    except (TypeError, ValueError):
        return None
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return first.replace(tzinfo=zone), following.replace(tzinfo=zone)


def news_listing(index_page, request):
    from website.models import NewsCategory, NewsPage

    news = (
        NewsPage.objects.live()
        .child_of(index_page)
        .select_related("image")
        .prefetch_related("categories")
        .order_by("-date", "-pk")
    )
    errors = []
    category = None
    slug = request.GET.get("chuyen-muc")
    if slug:
        category = NewsCategory.objects.filter(slug=slug).first()
        if category:
            news = news.filter(categories=category)
        else:
            errors.append(_("Không có chuyên mục “%(slug)s”: đang hiện mọi tin.") % {"slug": slug})
    return {
        "news_page": paginate(news, request, "trang", NEWS_PER_PAGE),
        "categories": NewsCategory.objects.filter(news_pages__live=True).distinct(),
        "selected_category": category,
        "filter_errors": errors,
    }


def event_listing(index_page, request):
    from website.models import EventPage, Province

    events = (
        EventPage.objects.live()
        .child_of(index_page)
        .select_related("province", "commune", "image")
        .prefetch_related("audiences")
    )
    filtered = events
    errors = []
    province = None
    province_slug = request.GET.get("tinh")
    if province_slug:
        province = Province.objects.current().filter(slug=province_slug).first()
        if province:
            filtered = filtered.filter(province=province)
        else:
            errors.append(_("Không có tỉnh, thành phố “%(value)s”.") % {"value": province_slug})
    month = request.GET.get("thang")
    month_range = None
    if month:
        month_range = parse_month(month)
        if month_range:
            filtered = filtered.filter(start__lt=month_range[1], end__gte=month_range[0])
        else:
            errors.append(
                _("Tháng “%(value)s” không hợp lệ (cần dạng năm-tháng).") % {"value": month}
            )
    now = timezone.now()
    return {
        "upcoming_page": paginate(filtered.upcoming(now), request, "trang", EVENTS_PER_PAGE),
        "past_page": paginate(filtered.past(now), request, "trang-truoc", EVENTS_PER_PAGE),
        "provinces": Province.objects.filter(events__in=events).distinct().order_by("short_name"),
        "months": events.dates("start", "month", order="DESC"),
        "selected_province": province,
        "selected_month": month if month_range else "",
        "filter_errors": errors,
    }


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


def guide_relations(page):
    """The guide's live occupations, the live programmes training for them or chosen by
    the editor (each with its school), and its live child guides: one query each."""
    from institutions.models import ProgramPage

    occupations = list(page.occupations.live().order_by("title"))
    programmes = (
        ProgramPage.objects.live()
        .filter(retired=False)
        .filter(
            models.Q(occupations__in=[occupation.pk for occupation in occupations])
            | models.Q(guides=page)
        )
        .distinct()
        .order_by("title", "pk")
    )
    return {
        "guide_occupations": occupations,
        "guide_programmes": programmes[:MAX_GUIDE_PROGRAMMES].with_institutions(),
        "guide_children": page.get_children().live().specific().order_by("path"),
    }
