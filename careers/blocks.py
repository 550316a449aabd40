"""StreamField blocks for the long texts of an occupation (rendered by its template)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

OCCUPATION_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


class OccupationTextBlock(blocks.StreamBlock):
    """Paragraphs and plain bullet lists: what a page about a trade needs, nothing more."""

    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=OCCUPATION_TEXT_FEATURES)
    list = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Danh sách gạch đầu dòng"), icon="list-ul"
    )

    class Meta:
        label = _("Nội dung")
