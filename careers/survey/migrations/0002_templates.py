"""The three templates the plans ask for, as the editors start from (they may change them)."""

import uuid

from django.db import migrations

FACTORS = [
    ("chi-phi", "Chi phí học"),
    ("khoang-cach", "Khoảng cách từ nhà đến trường"),
    ("gia-dinh", "Mong muốn của gia đình"),
    ("hoc-luc", "Học lực, điểm thi"),
    ("so-thich", "Sở thích, năng lực của em"),
    ("viec-lam", "Cơ hội việc làm sau khi học"),
]
THCS_ROUTES = [
    ("thpt-cong-lap", "Học lớp 10 THPT công lập", False),
    ("thpt-tu-thuc", "Học lớp 10 THPT tư thục", False),
    ("gdtx", "Học chương trình GDTX cấp THPT", False),
    ("trung-cap", "Học trung cấp", True),
    ("9-cong", "Học trung cấp kèm văn hoá THPT (9+)", True),
    ("so-cap", "Học sơ cấp, nghề ngắn hạn", True),
    ("di-lam", "Đi làm", False),
    ("chua-quyet-dinh", "Chưa quyết định", False),
]
THPT_ROUTES = [
    ("dai-hoc", "Học đại học", False),
    ("cao-dang", "Học cao đẳng", True),
    ("trung-cap", "Học trung cấp", True),
    ("so-cap", "Học sơ cấp, nghề ngắn hạn", True),
    ("di-lam", "Đi làm", False),
    ("chua-quyet-dinh", "Chưa quyết định", False),
]
ELECTIVES = [
    ("khtn", "Vật lí, Hoá học, Sinh học"),
    ("khxh", "Địa lí, Giáo dục kinh tế và pháp luật"),
    ("cong-nghe-tin-hoc", "Công nghệ, Tin học"),
    ("nghe-thuat", "Âm nhạc, Mĩ thuật"),
    ("chua-quyet-dinh", "Chưa quyết định"),
]


def block(kind, text, max_choices=1, required=False, options=None, vocational=False):
    value = {"text": text, "help_text": "", "max_choices": max_choices, "required": required}
    if options is not None:
        value["options"] = [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": (
                    {"code": option[0], "label": option[1], "vocational": option[2]}
                    if vocational
                    else {"code": option[0], "label": option[1]}
                ),
            }
            for option in options
        ]
    return {"type": kind, "id": str(uuid.uuid4()), "value": value}


def interests():
    return [
        block("fields", "Em quan tâm những nhóm ngành nào?", max_choices=3),
        block("occupations", "Em muốn tìm hiểu những nghề nào?", max_choices=3),
        block("factors", "Điều gì ảnh hưởng nhiều đến lựa chọn của em?", 3, options=FACTORS),
    ]


TEMPLATES = [
    {
        "slug": "nguyen-vong-sau-thcs",
        "name": "Nguyện vọng sau tốt nghiệp THCS",
        "education_level": "THCS",
        "questions": [
            block(
                "route",
                "Sau khi tốt nghiệp THCS, em dự định làm gì?",
                required=True,
                options=THCS_ROUTES,
                vocational=True,
            ),
            *interests(),
        ],
    },
    {
        "slug": "nguyen-vong-sau-thpt",
        "name": "Nguyện vọng sau tốt nghiệp THPT",
        "education_level": "THPT",
        "questions": [
            block(
                "route",
                "Sau khi tốt nghiệp THPT, em dự định làm gì?",
                required=True,
                options=THPT_ROUTES,
                vocational=True,
            ),
            *interests(),
        ],
    },
    {
        "slug": "mon-hoc-lua-chon-lop-10",
        "name": "Môn học lựa chọn, cụm chuyên đề lớp 10",
        "education_level": "THCS",
        "questions": [
            block(
                "electives",
                "Lên lớp 10, em muốn học nhóm môn lựa chọn, cụm chuyên đề nào?",
                max_choices=2,
                required=True,
                options=ELECTIVES,
            ),
            block("fields", "Em quan tâm những nhóm ngành nào?", max_choices=3),
        ],
    },
]


def create_templates(apps, schema_editor):
    SurveyTemplate = apps.get_model("survey", "SurveyTemplate")
    for template in TEMPLATES:
        SurveyTemplate.objects.get_or_create(
            slug=template["slug"],
            defaults={
                "name": template["name"],
                "education_level": template["education_level"],
                "questions": template["questions"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("survey", "0001_initial")]

    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
