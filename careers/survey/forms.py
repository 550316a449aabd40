"""The answer form, built from a round's template, and the counsellors' admin forms."""

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.survey.models import SurveyClass, SurveyRound, SurveyTemplate

PHONE_PATTERN = re.compile(r"^0[35789]\d{8}$", re.ASCII)
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


def normalise_phone(value):
    """A Vietnamese mobile number as ten digits ("0912 345 678", "+84912345678" → 0912345678),
    or None."""
    digits = PHONE_SEPARATORS.sub("", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if PHONE_PATTERN.match(digits) else None


class AnswerForm(forms.Form):
    """One field per question of the template, then the optional contact request.

    ``choices`` gives the lists that come from the portal: ``fields`` [(code, name)],
    ``occupations`` [(id, title)], ``institutions`` [(id, title)]."""

    def __init__(self, template, choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.questions = []
        for block in template.questions:
            kind, question = block.block_type, block.value
            if kind in ("fields", "occupations"):
                options = choices[kind]
            else:
                options = [(option["code"], option["label"]) for option in question["options"]]
            self.fields[kind] = self._question_field(question, options)
            self.questions.append(kind)
        self.fields["parent_phone"] = forms.CharField(
            label=_("Số điện thoại của cha, mẹ (người giám hộ)"), required=False, max_length=20
        )
        self.fields["contact_field"] = forms.ChoiceField(
            label=_("Nhóm ngành muốn được tư vấn"),
            required=False,
            choices=[("", _("— Chọn nhóm ngành —")), *choices["fields"]],
        )
        self.fields["contact_institutions"] = forms.MultipleChoiceField(
            label=_("Trường được liên hệ"),
            required=False,
            choices=[(str(pk), title) for pk, title in choices["institutions"]],
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["consent"] = forms.BooleanField(required=False)

    @staticmethod
    def _question_field(question, options):
        options = [(str(value), label) for value, label in options]
        label, help_text = question["text"], question["help_text"]
        if question["max_choices"] == 1:
            return forms.ChoiceField(
                label=label,
                help_text=help_text,
                choices=options,
                required=question["required"],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Em chưa chọn câu này."),
                    "invalid_choice": _("Lựa chọn không có trong danh sách."),
                },
            )
        field = forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            choices=options,
            required=question["required"],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Em chưa chọn câu này."),
                "invalid_choice": _("Lựa chọn không có trong danh sách."),
            },
        )
        field.max_choices = question["max_choices"]
        return field

    def clean(self):
        cleaned = super().clean()
        for kind in self.questions:
            limit = getattr(self.fields[kind], "max_choices", None)
            if limit and len(cleaned.get(kind) or []) > limit:
                self.add_error(kind, _("Chọn tối đa %(count)s mục.") % {"count": limit})
        self._clean_contact(cleaned)
        return cleaned

    def _clean_contact(self, cleaned):
        raw_phone = cleaned.get("parent_phone", "").strip()
        wants = raw_phone or cleaned.get("contact_institutions") or cleaned.get("contact_field")
        if not wants:
            cleaned["contact"] = None
            return
        phone = normalise_phone(raw_phone)
        if not raw_phone:
            self.add_error(
                "parent_phone", _("Nhập số điện thoại của cha, mẹ, hoặc bỏ chọn trường.")
            )
        elif phone is None:
            self.add_error(
                "parent_phone",
                _("Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."),
            )
        if not cleaned.get("contact_field"):
            self.add_error("contact_field", _("Chọn nhóm ngành muốn được tư vấn."))
        if not cleaned.get("contact_institutions"):
            self.add_error("contact_institutions", _("Chọn ít nhất một trường."))
        if not cleaned.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Cha, mẹ cần đánh dấu đồng ý; nếu không, hãy xoá số điện thoại "
                    "và bỏ chọn trường."
                ),
            )
        cleaned["contact"] = phone

    def question_fields(self):
        return [self[kind] for kind in self.questions]

    def chosen(self):
        """[(question kind, code), …] of the valid form."""
        pairs = []
        for kind in self.questions:
            value = self.cleaned_data.get(kind)
            values = value if isinstance(value, list) else [value] if value else []
            pairs.extend((kind, code) for code in values)
        return pairs


class RoundForm(forms.ModelForm):
    class Meta:
        model = SurveyRound
        fields = ["template", "year", "opens_on", "closes_on", "retention_date"]
        widgets = {
            "opens_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "closes_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "retention_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["template"].queryset = SurveyTemplate.objects.filter(
            is_active=True, education_level__in=school.education_levels
        )
        self.fields["template"].error_messages["invalid_choice"] = _(
            "Chọn một mẫu phiếu đang dùng, dành cho học sinh cấp của trường."
        )

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error(None, _("Trường đã có đợt khảo sát theo mẫu này cho năm học này."))


class ClassForm(forms.ModelForm):
    class Meta:
        model = SurveyClass
        fields = ["name", "size"]

    def __init__(self, *args, survey_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.round = survey_round

    def validate_unique(self):
        try:
            self.instance.validate_constraints(exclude={"code", "answers_count"})
        except forms.ValidationError:
            self.add_error("name", _("Đợt này đã có lớp tên này."))


class VoidForm(forms.Form):
    answers = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=gettext_lazy("Lý do loại"),
        min_length=5,
        max_length=300,
        error_messages={"required": gettext_lazy("Ghi lý do loại phiếu.")},
    )

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = answers
        self.fields["answers"].error_messages = {
            "required": _("Chọn ít nhất một phiếu."),
            "invalid_choice": _("Có phiếu không thuộc đợt này."),
            "invalid_pk_value": _("Mã phiếu không hợp lệ."),
        }
