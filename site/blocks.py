"""StreamField blocks shared by every page type. One template per block in templates/blocks/."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "blocks/heading_block.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Nội dung nút"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Trang trong cổng"), required=False)
    url = blocks.URLBlock(label=_("Hoặc địa chỉ ngoài"), required=False)

    class Meta:
        icon = "link"
        label = _("Nút liên kết")
        template = "blocks/call_to_action_block.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Câu hỏi"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Trả lời"), features=RICH_TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    items = blocks.ListBlock(QuestionBlock(), label=_("Câu hỏi thường gặp"))

    class Meta:
        icon = "help"
        label = _("Hỏi – đáp")
        template = "blocks/faq_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "blocks/document_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    document = DocumentBlock()
    table = TableBlock(label=_("Bảng"), template="blocks/table_block.html")


class GalleryBlock(blocks.StreamBlock):
    image = ImageWithCaptionBlock()


class FactBlock(blocks.StructBlock):
    """One fact as every figure on the site is shown: what, the value, its source and date."""

    statement = blocks.CharBlock(label=_("Nội dung"), max_length=300)
    value = blocks.CharBlock(
        label=_("Giá trị"),
        required=False,
        max_length=120,
        help_text=_("Ví dụ: “5,5 triệu đồng/tháng”, “7,93 %”. Để trống nếu không có số."),
    )
    source = blocks.CharBlock(label=_("Nguồn"), max_length=300)
    source_url = blocks.URLBlock(label=_("Địa chỉ nguồn"), required=False)
    date = blocks.DateBlock(label=_("Ngày của số liệu hoặc văn bản"))
    is_sample = blocks.BooleanBlock(
        label=_("Dữ liệu mẫu"),
        required=False,
        help_text=_("Đánh dấu khi nội dung chỉ để minh họa: trang hiện nhãn “dữ liệu mẫu”."),
    )

    class Meta:
        icon = "info-circle"
        label = _("Thông tin có nguồn")
        template = "blocks/fact_block.html"


class GuideBodyBlock(BodyBlock):
    """The body of a guide (working abroad, starting a business): the shared blocks and facts."""

    fact = FactBlock()
