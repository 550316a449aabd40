"""The admin's choosers of administrative units, for every form that picks one (events' venue,
schools' addresses, streaming figures).

* Current units only (34 provinces and their communes since 1 July 2025), unless the field may
  hold an old one: a streaming figure published before 7/2025 names the province or district
  of its time, so its province chooser offers both structures, current first.
* Searchable with or without diacritics: "can tho" and "Cần Thơ" both find Cần Thơ (the
  folded ``search_name`` of each unit).
* Communes (and legacy districts) filtered by the province chosen in the same form: the widget
  passes the province field's value (Wagtail's ``linked_fields``) and the chooser filters on it.
* An old unit submitted where only current ones are allowed is refused with a message that
  names it and what replaced it, not the generic "Select a valid choice".
"""

from django import forms
from django.db.models import ForeignKey, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from website.models.areas import Commune, District, Province, Structure
from website.text import fold

ALL_STRUCTURES = "tat-ca"  # URL value: the chooser may offer old units too


class AreaFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=gettext_lazy("Tìm theo tên"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Có dấu hoặc không dấu")}),
    )

    def filter(self, objects):
        query = fold(self.cleaned_data.get("q") or "")
        if query:
            self.is_searching = True
            self.search_query = self.cleaned_data["q"]
            objects = objects.filter(search_name__contains=query)
        return objects


class StructureFilterForm(AreaFilterForm):
    structure = forms.ChoiceField(
        label=gettext_lazy("Hệ thống đơn vị"),
        choices=[("", gettext_lazy("Tất cả")), *Structure.choices],
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if self.cleaned_data.get("structure"):
            objects = objects.filter(structure=self.cleaned_data["structure"])
        return objects


class AreaChooseViewMixin:
    per_page = 20

    def get_object_list(self):
        units = self.model_class.objects.all()
        if self.offers_old_units:
            return units.order_by("-structure", "short_name")
        if self.model_class is District:
            return units.select_related("province")
        return units.filter(structure=Structure.CURRENT)

    @property
    def offers_old_units(self):
        return self.model_class is Province and self.request.GET.get("he") == ALL_STRUCTURES

    def get_filter_form_class(self):
        return StructureFilterForm if self.offers_old_units else AreaFilterForm

    def filter_object_list(self, objects):
        province = self.request.GET.get("province", "")
        if province.isdigit():
            chosen = Q(province_id=int(province))
            if self.model_class is District:  # the old districts of a current province too
                chosen |= Q(province__successor_id=int(province))
            objects = objects.filter(chosen)
        return super().filter_object_list(objects)


class AreaChooseView(AreaChooseViewMixin, chooser_views.ChooseView):
    pass


class AreaChooseResultsView(AreaChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class AreaChooserViewSet(ChooserViewSet):
    icon = "site"
    choose_view_class = AreaChooseView
    choose_results_view_class = AreaChooseResultsView
    preserve_url_parameters = ["multiple", "he", "province"]
    # ``register_form_fields`` names the widgets (with the linked province field).
    register_widget = False


def _chooser(name, model, url_prefix, unit, another):
    return AreaChooserViewSet(
        name,
        model=model,
        url_prefix=f"chon-don-vi/{url_prefix}",
        choose_one_text=unit,
        choose_another_text=another,
        page_title=unit,
    )


province_chooser = _chooser(
    "chon_tinh",
    Province,
    "tinh",
    gettext_lazy("Chọn tỉnh, thành phố"),
    gettext_lazy("Chọn tỉnh, thành phố khác"),
)
district_chooser = _chooser(
    "chon_huyen",
    District,
    "huyen",
    gettext_lazy("Chọn quận, huyện (trước 01/7/2025)"),
    gettext_lazy("Chọn quận, huyện khác"),
)
commune_chooser = _chooser(
    "chon_xa", Commune, "xa", gettext_lazy("Chọn xã, phường"), gettext_lazy("Chọn xã, phường khác")
)
VIEWSETS = [province_chooser, district_chooser, commune_chooser]


class OldUnitsChooserMixin:
    """A province chooser that also lists the provinces before 7/2025."""

    def get_chooser_modal_url(self):
        return f"{super().get_chooser_modal_url()}?he={ALL_STRUCTURES}"


class AreaChoiceField(forms.ModelChoiceField):
    """Refuses an old unit by naming it and what replaced it (not "Select a valid choice")."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            unit = self._find(value)
            if unit is None or getattr(unit, "structure", Structure.CURRENT) == Structure.CURRENT:
                raise
            raise forms.ValidationError(self._old_unit_message(unit), code="old_unit") from None

    def _find(self, value):
        if not str(value).isdigit():
            return None
        return self.queryset.model.objects.filter(pk=int(value)).first()

    @staticmethod
    def _old_unit_message(unit):
        if isinstance(unit, Province) and unit.successor_id:
            return _(
                "%(unit)s là đơn vị trước 01/7/2025, nay thuộc %(successor)s: hãy chọn "
                "tỉnh, thành phố hiện nay."
            ) % {"unit": unit.name, "successor": unit.successor.name}
        successors = list(unit.successors.all()[:3]) if isinstance(unit, Commune) else []
        if successors:
            return _(
                "%(unit)s là đơn vị trước 01/7/2025, nay thuộc %(successor)s: hãy chọn "
                "xã, phường hiện nay."
            ) % {"unit": unit, "successor": ", ".join(str(s) for s in successors)}
        return _("%(unit)s là đơn vị trước 01/7/2025: hãy chọn đơn vị hiện nay.") % {"unit": unit}


def _allows_old_units(db_field):
    return (db_field.remote_field.limit_choices_to or {}).get("structure") != Structure.CURRENT


def _province_override(db_field):
    widget_class = province_chooser.widget_class
    if _allows_old_units(db_field):
        widget_class = type("OldProvinceChooserWidget", (OldUnitsChooserMixin, widget_class), {})
    return {"widget": widget_class(), "form_class": AreaChoiceField}


def _linked_override(viewset):
    def override(db_field):
        linked = {"province": "#id_province"} if db_field.name != "province" else {}
        widget = viewset.widget_class(linked_fields=linked)
        return {"widget": widget, "form_class": AreaChoiceField}

    return override


def register_form_fields():
    """Every admin form's foreign key to a unit gets these choosers (the units' snippet
    viewsets register no chooser widget of their own: see website.wagtail_hooks)."""
    register_form_field_override(ForeignKey, to=Province, override=_province_override)
    for model, viewset in ((District, district_chooser), (Commune, commune_chooser)):
        register_form_field_override(ForeignKey, to=model, override=_linked_override(viewset))
