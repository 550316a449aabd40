from django import forms
from django.utils.translation import gettext_lazy as _

from institutions.models import InstitutionPage


class ProgrammeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"),
        help_text=_("Mỗi dòng một ngành, cột theo mẫu; tối đa 2 MB, 500 dòng."),
    )


class SchoolAccountForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Trường, trung tâm"), queryset=InstitutionPage.objects.order_by("title")
    )
    username = forms.SlugField(label=_("Tên đăng nhập"), max_length=150)
    name = forms.CharField(label=_("Họ tên"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
