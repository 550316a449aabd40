"""Support policies get target groups and levels; each institution says whether it has a
policy for ethnic-minority students (filled here for the existing ones). Self-contained: no
application code is imported."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


ETHNIC_MINORITY = "dan-toc-thieu-so"


def flag_ethnic_minority_support(apps, schema_editor):
    InstitutionPage = apps.get_model("institutions", "InstitutionPage")
    for page in InstitutionPage.objects.all():
        blocks = page.support_policies.raw_data if page.support_policies else []
        flag = any(
            block.get("value", {}).get("kind") == ETHNIC_MINORITY
            or ETHNIC_MINORITY in (block.get("value", {}).get("groups") or [])
            for block in blocks
        )
        if flag:
            page.ethnic_minority_support = True
            page.save(update_fields=["ethnic_minority_support"])


class Migration(migrations.Migration):

    dependencies = [
        ('institutions', '0005_partnerships'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.AddField(
            model_name='institutionpage',
            name='ethnic_minority_support',
            field=models.BooleanField(default=False, editable=False, verbose_name='có chính sách cho học sinh dân tộc thiểu số'),
        ),
        migrations.AlterField(
            model_name='institutionpage',
            name='support_policies',
            field=wagtail.fields.StreamField([('policy', 6)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('mien-giam-hoc-phi', 'Miễn, giảm học phí'), ('hoc-bong', 'Học bổng'), ('tin-dung', 'Vay vốn tín dụng'), ('noi-tru', 'Hỗ trợ ở nội trú'), ('dan-toc-thieu-so', 'Hỗ trợ học sinh dân tộc thiểu số'), ('khac', 'Hỗ trợ khác')], 'label': 'Loại hỗ trợ'}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Tên chính sách', 'max_length': 200}), 2: ('wagtail.blocks.TextBlock', (), {'label': 'Ai được hưởng', 'max_length': 600}), 3: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': [('dan-toc-thieu-so', 'Học sinh dân tộc thiểu số'), ('ho-ngheo', 'Người thuộc hộ nghèo, hộ cận nghèo'), ('khuyet-tat', 'Người khuyết tật')], 'help_text': 'Chọn mọi nhóm được hưởng: trang chính sách và tìm kiếm lọc theo nhóm.', 'label': 'Dành cho nhóm người học', 'required': False}), 4: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': [('so-cap', 'Sơ cấp'), ('trung-cap', 'Trung cấp'), ('cao-dang', 'Cao đẳng')], 'help_text': 'Để trống nếu áp dụng cho mọi ngành của trường.', 'label': 'Áp dụng cho trình độ', 'required': False}), 5: ('wagtail.blocks.TextBlock', (), {'label': 'Mức hỗ trợ, cách đăng ký', 'max_length': 1000}), 6: ('wagtail.blocks.StructBlock', [[('kind', 0), ('title', 1), ('who', 2), ('groups', 3), ('levels', 4), ('details', 5)]], {})}, verbose_name='chính sách hỗ trợ người học'),
        ),
        migrations.CreateModel(
            name='SupportPolicyIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('is_sample', models.BooleanField(default=False, help_text='Đánh dấu khi trang mô tả điều chưa xảy ra: trang sẽ hiện nhãn “dữ liệu mẫu”.', verbose_name='nội dung mẫu')),
                ('intro', models.TextField(blank=True, max_length=500, verbose_name='giới thiệu')),
                ('share_image', models.ForeignKey(blank=True, help_text='Ảnh hiện khi chia sẻ trang qua Zalo, Facebook (tỉ lệ 1,91:1).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='ảnh khi chia sẻ')),
            ],
            options={
                'verbose_name': 'chính sách hỗ trợ của các trường',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.RunPython(flag_ethnic_minority_support, migrations.RunPython.noop),
    ]
