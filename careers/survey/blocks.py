"""The questions of a survey template, as typed blocks (never free text).

A template's ``questions`` stream holds at most one block of each kind. Answers store, for
each question, the block's kind and the codes of the chosen options, so results are counted
in SQL by (kind, code):

* ``route`` — the intended route after graduating; each option says whether it is vocational
  training (trung cấp, 9+, sơ cấp…), which gives the intended vocational share;
* ``fields`` — training fields from the portal's taxonomy (``careers.TrainingField``, by code);
* ``occupations`` — occupation pages (by page id);
* ``factors`` and ``electives`` — options the editor lists (what weighs on the choice; the
  elective subject groups of grade 10).
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

CODE_VALIDATOR = RegexValidator(
    r"^[a-z0-9-]{1,30}$", _("Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")
)
QUESTION_KINDS = ("route", "fields", "occupations", "factors", "electives")


class OptionBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("Mã"), max_length=30, validators=[CODE_VALIDATOR])
    label = blocks.CharBlock(label=_("Nhãn"), max_length=120)


class RouteOptionBlock(OptionBlock):
    vocational = blocks.BooleanBlock(
        label=_("Là học nghề (tính vào tỉ lệ học nghề dự định)"), required=False
    )


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Câu hỏi"), max_length=200)
    help_text = blocks.CharBlock(label=_("Gợi ý"), max_length=200, required=False)
    max_choices = blocks.IntegerBlock(label=_("Chọn tối đa"), min_value=1, max_value=10, default=1)
    required = blocks.BooleanBlock(label=_("Bắt buộc"), required=False)


class OptionsQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Lựa chọn"), min_num=2, max_num=20)


class RouteQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(RouteOptionBlock(), label=_("Lựa chọn"), min_num=2, max_num=20)


class QuestionsBlock(blocks.StreamBlock):
    route = RouteQuestionBlock(label=_("Con đường dự định"), icon="redirect")
    fields = QuestionBlock(
        label=_("Nhóm ngành quan tâm (danh mục ngành)"), icon="folder-open-inverse"
    )
    occupations = QuestionBlock(label=_("Nghề quan tâm (trang nghề)"), icon="user")
    factors = OptionsQuestionBlock(label=_("Điều ảnh hưởng đến lựa chọn"), icon="list-ul")
    electives = OptionsQuestionBlock(label=_("Môn học lựa chọn, cụm chuyên đề"), icon="list-ol")

    class Meta:
        block_counts = {kind: {"max_num": 1} for kind in QUESTION_KINDS}
