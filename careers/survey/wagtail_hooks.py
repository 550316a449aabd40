"""Admin registration: templates and general schools for editors (snippets), the
counsellors' rounds, results and the vocational schools' contact requests (admin views)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from careers.survey import access, admin_views
from careers.survey.models import GeneralSchool, SurveyTemplate


class SurveyTemplateViewSet(SnippetViewSet):
    model = SurveyTemplate
    icon = "form"
    list_display = ["name", "education_level", "is_active"]


class GeneralSchoolViewSet(SnippetViewSet):
    model = GeneralSchool
    icon = "home"
    list_display = ["name", "level", "province", "district", "is_sample"]
    list_filter = ["level", "is_sample"]
    search_fields = ["name"]
    list_per_page = 50

    def get_queryset(self, request):
        return GeneralSchool.objects.select_related("province", "district__province")


class SurveySetupGroup(SnippetViewSetGroup):
    menu_label = _("Mẫu khảo sát, trường phổ thông")
    menu_icon = "form"
    menu_order = 256
    items = [SurveyTemplateViewSet, GeneralSchoolViewSet]


register_snippet(SurveySetupGroup)


@hooks.register("register_admin_urls")
def register_survey_urls():
    return [
        path("khao-sat/", admin_views.round_list, name="survey_rounds"),
        path("khao-sat/dot/<int:pk>/", admin_views.round_detail, name="survey_round"),
        path("khao-sat/dot/<int:pk>/in-ma-qr/", admin_views.round_print, name="survey_round_print"),
        path("khao-sat/ket-qua/", admin_views.results_view, name="survey_results"),
        path(
            "khao-sat/yeu-cau-lien-he/",
            admin_views.contact_requests_view,
            name="survey_contact_requests",
        ),
    ]


class SurveyMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_read_results(request.user)


class ContactRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_see_contact_requests(request.user)


@hooks.register("register_admin_menu_item")
def register_survey_menu_item():
    return SurveyMenuItem(
        _("Khảo sát nguyện vọng"), reverse("survey_rounds"), icon_name="form", order=255
    )


@hooks.register("register_admin_menu_item")
def register_contact_requests_menu_item():
    return ContactRequestsMenuItem(
        _("Yêu cầu liên hệ (khảo sát)"),
        reverse("survey_contact_requests"),
        icon_name="mail",
        order=257,
    )
