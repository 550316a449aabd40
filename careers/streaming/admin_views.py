"""Admin for streaming figures: the area-limited snippet viewset, its form and the import view.

Every admin URL that names a figure (edit, delete, history, revisions, usage, inspect,
unpublish, preview, workflow) goes through ``area_guard``: a figure outside the officer's area
answers 404, as if it did not exist. The list and the snippet chooser show only the officer's
figures, the form offers only their units and refuses others, bulk actions refuse figures
outside the area, and the import refuses rows outside it.
"""

import functools

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import Http404, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.models import WorkflowState
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from careers.streaming.access import (
    can_import,
    can_publish,
    covers,
    covers_figure,
    figures_for,
    import_permission,
    user_areas,
)
from careers.streaming.importers import MAX_FILE_BYTES, import_streaming
from careers.streaming.models import StreamingFigure, StreamingIndicator
from website.admin_access import task_state_of_object
from website.admin_workflow import SnippetWorkflowAction
from website.models.areas import Commune, District, Province, Structure
from website.parsing import strict_int
from website.table_import import TableImportView, written


class StreamingFigureForm(WagtailAdminModelForm):
    """Offers only the officer's own units and refuses a figure placed elsewhere."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        areas = user_areas(user)
        if areas.everything:
            self.fields["commune"].queryset = Commune.objects.filter(
                structure=Structure.CURRENT
            ).select_related("province")
            return
        # An officer picks from a short list of their own units, not from the area choosers.
        for name in ("province", "district", "commune"):
            self.fields[name].widget = forms.Select()
        provinces = Province.objects.filter(pk__in=areas.province_ids) | Province.objects.filter(
            successor_id__in=areas.province_ids
        )
        districts = District.objects.filter(
            province__successor_id__in=areas.province_ids
        ) | District.objects.filter(pk__in=areas.district_ids)
        provinces = provinces | Province.objects.filter(districts__pk__in=areas.district_ids)
        self.fields["province"].queryset = provinces.distinct()
        self.fields["district"].queryset = districts.distinct().select_related("province")
        self.fields["commune"].queryset = Commune.objects.filter(
            structure=Structure.CURRENT, province_id__in=areas.province_ids
        ).select_related("province")

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        if user is None:
            return cleaned
        district = cleaned.get("district")
        province = district.province if district else cleaned.get("province")
        commune = cleaned.get("commune")
        if commune is not None:
            province = commune.province
        if not covers(user, province=province, district=district):
            raise forms.ValidationError(_("Địa bàn này nằm ngoài địa bàn bạn phụ trách."))
        return cleaned


def area_guard(view):
    """Answer 404 for a figure outside the user's area, whatever the admin view, and for a
    workflow action naming another figure's task."""

    @functools.wraps(view)
    @task_state_of_object(StreamingFigure, "pk")
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            pk = strict_int(str(pk))
            if pk is None or not figures_for(request.user).filter(pk=pk).exists():
                raise Http404
        return view(request, *args, **kwargs)

    return guarded


class AreaChooseView(chooser.ChooseView):
    def get_object_list(self):
        return figures_for(self.request.user, super().get_object_list())


class AreaChooseResultsView(chooser.ChooseResultsView):
    def get_object_list(self):
        return figures_for(self.request.user, super().get_object_list())


class AreaChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return figures_for(self.request.user).get(pk=pk)


class AreaChooserViewSet(chooser.SnippetChooserViewSet):
    """The snippet chooser, limited to the user's area like the rest of the admin."""

    choose_view_class = AreaChooseView
    choose_results_view_class = AreaChooseResultsView
    chosen_view_class = AreaChosenView


class ReviewStatusColumn(StatusTagColumn):
    """Draft, under review or published, so that a district officer does not take a result
    waiting for the province (or a published one whose change waits) for a published one.
    (Wagtail's own live/draft tag knows nothing of reviews, and a custom ``list_display``
    leaves it out anyway.)"""

    def __init__(self):
        super().__init__(
            "review_status",
            label=gettext_lazy("Trạng thái"),
            sort_key="live",
            primary=lambda figure: figure.live and not figure.review_status,
        )

    def get_value(self, figure):
        if figure.review_status == WorkflowState.STATUS_IN_PROGRESS:
            if figure.live:
                return _("đã đăng, bản sửa chờ duyệt")
            return _("chờ duyệt")
        if figure.review_status == WorkflowState.STATUS_NEEDS_CHANGES:
            return _("bị yêu cầu sửa")
        if figure.live and figure.has_unpublished_changes:
            return _("đã đăng, có bản nháp")
        return _("đã đăng") if figure.live else _("bản nháp")


class StreamingFigureViewSet(SnippetViewSet):
    model = StreamingFigure
    icon = "table"
    menu_label = gettext_lazy("Số liệu phân luồng")
    list_display = [
        "indicator",
        Column("area_label", label=gettext_lazy("Địa bàn")),
        "period",
        "education_level",
        "kind",
        "value",
        ReviewStatusColumn(),
    ]
    list_filter = ["kind", "education_level", "scope_level", "live"]
    list_per_page = 50
    edit_handler = ObjectList(StreamingFigure.panels, base_form_class=StreamingFigureForm)
    chooser_viewset_class = AreaChooserViewSet
    workflow_action_view_class = SnippetWorkflowAction

    def get_queryset(self, request):
        review = WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(StreamingFigure),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        return figures_for(request.user, StreamingFigure.objects.with_related()).annotate(
            review_status=Subquery(review.values("status")[:1])
        )

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in str(pattern.pattern):
                pattern.callback = area_guard(pattern.callback)
        return patterns


class StreamingIndicatorViewSet(SnippetViewSet):
    model = StreamingIndicator
    icon = "list-ul"
    menu_label = gettext_lazy("Chỉ tiêu phân luồng")
    list_display = ["short_name", "slug", "applies_to"]


def refuse_other_areas(request, action_type, objects, action_class_instance):
    """``before_bulk_action`` hook: no bulk action on a figure outside the user's area."""
    if getattr(action_class_instance, "model", None) is not StreamingFigure:
        return None
    if any(not covers_figure(request.user, figure) for figure in objects):
        return HttpResponseForbidden(_("Có số liệu nằm ngoài địa bàn bạn phụ trách."))
    return None


class StreamingImportView(TableImportView):
    page_title = gettext_lazy("Nhập chỉ tiêu, kết quả phân luồng")
    file_label = gettext_lazy("Tệp chỉ tiêu, kết quả phân luồng (CSV hoặc XLSX)")
    file_help = gettext_lazy(
        "Cột theo mẫu trong tài liệu “Chỉ tiêu phân luồng” (docs/streaming.md)."
    )
    max_bytes = MAX_FILE_BYTES
    url_name = "streaming_import"

    def has_permission(self, user):
        return can_import(user)

    def intro(self):
        area = _("Chỉ nhận dòng thuộc địa bàn bạn phụ trách.")
        if not can_publish(self.request.user):
            area += " " + _("Số liệu bạn nhập là bản nháp; tỉnh duyệt rồi mới đăng.")
        return [
            _(
                "Tệp CSV (UTF-8) hoặc XLSX, mỗi dòng một số liệu, cột theo mẫu công bố "
                "(docs/streaming.md): scope_level, scope, province, period, education_level, "
                "indicator, kind, value, comparator, document, note. Mọi dòng được kiểm tra "
                "trước; có một dòng sai thì không ghi dòng nào. Nhập lại cùng tệp không làm "
                "thay đổi gì."
            ),
            area,
        ]

    def run_import(self, upload):
        user = self.request.user
        return import_streaming(
            upload,
            upload.name,
            user=user,
            publish=can_publish(user),
            allowed=import_permission(user),
        )

    def success_message(self, result):
        message = written(result)
        if not can_publish(self.request.user):
            message += " " + _("Số liệu mới và thay đổi là bản nháp, chờ tỉnh duyệt và đăng.")
        return message


def figures_in_area(user, model):
    """``filter_admin_objects`` hook (website.admin_access): the streaming figures an officer
    may see, so bulk actions never list, and never act on, another area's figures."""
    return figures_for(user) if model is StreamingFigure else None
