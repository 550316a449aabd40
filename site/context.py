"""Filtering and pagination for the news and event lists (state lives in the URL)."""

import datetime

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

NEWS_PER_PAGE = 10
EVENTS_PER_PAGE = 12


def paginate(queryset, request, param, per_page):
    """One page of ``queryset``; a missing, malformed or too-large page number never fails."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


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
