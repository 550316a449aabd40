from django.db import migrations

# The streaming indicators the published plans use (slug, short name, full name, level): a
# frozen copy of the indicators careers/streaming_indicators.py held (a migration never imports application code).
INDICATORS = [
    (
        "pct_schools_with_career_programme",
        "Trường có chương trình hướng nghiệp",
        "Tỷ lệ trường có chương trình giáo dục hướng nghiệp gắn với hoạt động sản xuất, "
        "kinh doanh, dịch vụ của địa phương",
        "THCS+THPT",
    ),
    (
        "pct_schools_with_counsellor_teacher",
        "Trường có giáo viên tư vấn hướng nghiệp",
        "Tỷ lệ trường có giáo viên kiêm nhiệm làm nhiệm vụ tư vấn hướng nghiệp đáp ứng yêu "
        "cầu về chuyên môn, nghiệp vụ",
        "THCS+THPT",
    ),
    (
        "pct_graduates_to_vocational_so_cap_trung_cap",
        "Tốt nghiệp THCS học sơ cấp, trung cấp",
        "Tỷ lệ học sinh tốt nghiệp THCS tiếp tục học tại cơ sở giáo dục nghề nghiệp trình độ "
        "sơ cấp, trung cấp",
        "THCS",
    ),
    (
        "pct_graduates_to_vocational_cao_dang",
        "Tốt nghiệp THPT học cao đẳng",
        "Tỷ lệ học sinh tốt nghiệp THPT tiếp tục học tại cơ sở giáo dục nghề nghiệp trình độ "
        "cao đẳng",
        "THPT",
    ),
    (
        "pct_graduates_to_vocational_trung_cap_cao_dang",
        "Tốt nghiệp THPT học trung cấp, cao đẳng",
        "Tỷ lệ học sinh tốt nghiệp THPT tiếp tục học tại cơ sở giáo dục nghề nghiệp trình độ "
        "trung cấp, cao đẳng",
        "THPT",
    ),
    (
        "pct_graduates_to_further_study_cao_dang_dai_hoc",
        "Tốt nghiệp THPT học cao đẳng, đại học",
        "Tỷ lệ học sinh tốt nghiệp THPT tiếp tục học tại cơ sở giáo dục, cơ sở giáo dục nghề "
        "nghiệp trình độ cao đẳng, đại học",
        "THPT",
    ),
    (
        "pct_graduates_to_vocational_any",
        "Tốt nghiệp vào học nghề",
        "Tỷ lệ học sinh tốt nghiệp tiếp tục học tại cơ sở giáo dục nghề nghiệp",
        "THCS+THPT",
    ),
    (
        "pct_graduates_to_thpt",
        "Tốt nghiệp THCS vào lớp 10 THPT",
        "Tỷ lệ học sinh tốt nghiệp THCS vào học lớp 10 trường THPT",
        "THCS",
    ),
    (
        "pct_graduates_to_gdtx_or_trung_cap_cao_dang_with_culture",
        "Tốt nghiệp THCS học GDTX hoặc trung cấp kèm văn hoá",
        "Tỷ lệ học sinh tốt nghiệp THCS học tại trung tâm GDNN-GDTX hoặc trung cấp, cao đẳng "
        "kết hợp học văn hoá",
        "THCS",
    ),
    (
        "pct_graduates_to_short_vocational",
        "Tốt nghiệp THCS học nghề ngắn hạn",
        "Tỷ lệ học sinh tốt nghiệp THCS học nghề ngắn hạn",
        "THCS",
    ),
    (
        "pct_graduates_to_labour_market",
        "Tốt nghiệp THCS đi làm",
        "Tỷ lệ học sinh tốt nghiệp THCS tham gia thị trường lao động",
        "THCS",
    ),
    (
        "pct_staff_trained_in_career_guidance",
        "Cán bộ, giáo viên được bồi dưỡng hướng nghiệp",
        "Tỷ lệ cán bộ quản lý, giáo viên được bồi dưỡng về giáo dục hướng nghiệp",
        "THCS+THPT",
    ),
    (
        "pct_grade9_students_counselled",
        "Học sinh lớp 9 được tư vấn",
        "Tỷ lệ học sinh lớp 9 được tư vấn hướng nghiệp, phân luồng",
        "THCS",
    ),
]


def create_indicators(apps, schema_editor):
    StreamingIndicator = apps.get_model("careers", "StreamingIndicator")
    for order, (slug, short_name, name, applies_to) in enumerate(INDICATORS, start=1):
        StreamingIndicator.objects.get_or_create(
            slug=slug,
            defaults={
                "short_name": short_name,
                "name": name,
                "applies_to": applies_to,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("careers", "0003_streaming")]

    operations = [migrations.RunPython(create_indicators, migrations.RunPython.noop)]
