from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from careers.importers import MAX_FILE_BYTES


class SeriesImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (CSV hoặc XLSX)"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_("Cột theo mẫu trong tài liệu “Số liệu thị trường lao động”."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB: hãy chia nhỏ."))
        return upload
