"""Streaming leaves the careers app: the models move to the app ``streaming`` (careers/streaming/).

Nothing changes in the database but the content types: the tables keep their names
(``Meta.db_table``) and every row, so this migration only records the models in the new
app's state (``careers.0010`` removes them from the careers app's) and renames the existing
``django_content_type`` rows from ``careers`` to ``streaming``. Wagtail pages, revisions,
workflow states, log entries, the review workflow and the permissions point at those rows by
id, so they follow, and the officers' groups keep their permissions (now
``streaming.publish_streamingfigure`` and so on).

Frozen: the functions it needs are here, not imported from the app.
"""

import django.core.validators
import django.db.models.deletion
import wagtail.contrib.routable_page.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "areareviewtask",
    "officerarea",
    "statisticsindexpage",
    "streamingdashboardpage",
    "streamingfigure",
    "streamingindicator",
]


def rename_content_types(apps, schema_editor, old, new):
    """Point the content types of the moved models at the app ``new``. Where ``new`` already
    has the model's row (a migrate rolled back after the new code had run, say), that row is
    kept and the old one left to ``remove_stale_contenttypes``: renaming the old one onto it
    would break the unique (app, model)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.db_manager(schema_editor.connection.alias)
    taken = set(content_types.filter(app_label=new, model__in=MODELS).values_list("model", flat=True))
    content_types.filter(app_label=old, model__in=set(MODELS) - taken).update(app_label=new)
    content_types.clear_cache()


def forwards(apps, schema_editor):
    rename_content_types(apps, schema_editor, "careers", "streaming")


def backwards(apps, schema_editor):
    rename_content_types(apps, schema_editor, "streaming", "careers")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('careers', '0009_merge_quiz_figures'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        ('website', '0006_editors_area_search_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AreaReviewTask',
                    fields=[
                        ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                    ],
                    options={
                        'verbose_name': 'duyệt số liệu phân luồng theo địa bàn',
                        'verbose_name_plural': 'duyệt số liệu phân luồng theo địa bàn',
                        'db_table': 'careers_areareviewtask',
                    },
                    bases=('wagtailcore.task',),
                ),
                migrations.CreateModel(
                    name='StreamingIndicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='mã')),
                        ('name', models.CharField(max_length=250, verbose_name='tên')),
                        ('short_name', models.CharField(max_length=100, verbose_name='tên ngắn')),
                        ('applies_to', models.CharField(choices=[('THCS', 'THCS (sau lớp 9)'), ('THPT', 'THPT (sau lớp 12)'), ('THCS+THPT', 'THCS và THPT')], help_text='THCS và THPT: chỉ tiêu dùng được cho cả hai cấp.', max_length=9, verbose_name='áp dụng cho cấp học')),
                        ('unit', models.CharField(choices=[('%', 'phần trăm (%)'), ('lần/năm', 'số lần mỗi năm')], default='%', help_text='Phần trăm (0–100) hoặc số lần mỗi năm (số nguyên).', max_length=10, verbose_name='đơn vị')),
                        ('description', models.TextField(blank=True, max_length=800, verbose_name='giải thích')),
                        ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                    ],
                    options={
                        'verbose_name': 'chỉ tiêu phân luồng',
                        'verbose_name_plural': 'chỉ tiêu phân luồng',
                        'db_table': 'careers_streamingindicator',
                        'ordering': ['sort_order', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='StatisticsIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('is_sample', models.BooleanField(default=False, help_text='Đánh dấu khi trang mô tả điều chưa xảy ra: trang sẽ hiện nhãn “dữ liệu mẫu”.', verbose_name='nội dung mẫu')),
                        ('intro', models.TextField(blank=True, max_length=800, verbose_name='giới thiệu')),
                        ('share_image', models.ForeignKey(blank=True, help_text='Ảnh hiện khi chia sẻ trang qua Zalo, Facebook (tỉ lệ 1,91:1).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='ảnh khi chia sẻ')),
                    ],
                    options={
                        'verbose_name': 'trang thống kê',
                        'db_table': 'careers_statisticsindexpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='StreamingDashboardPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('is_sample', models.BooleanField(default=False, help_text='Đánh dấu khi trang mô tả điều chưa xảy ra: trang sẽ hiện nhãn “dữ liệu mẫu”.', verbose_name='nội dung mẫu')),
                        ('intro', models.TextField(blank=True, max_length=800, verbose_name='giới thiệu')),
                        ('share_image', models.ForeignKey(blank=True, help_text='Ảnh hiện khi chia sẻ trang qua Zalo, Facebook (tỉ lệ 1,91:1).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='ảnh khi chia sẻ')),
                    ],
                    options={
                        'verbose_name': 'trang chỉ tiêu phân luồng',
                        'db_table': 'careers_streamingdashboardpage',
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='OfficerArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='website.district', verbose_name='quận, huyện (trước 01/7/2025)')),
                        ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='streaming_area', to='auth.group', verbose_name='nhóm')),
                        ('province', models.ForeignKey(blank=True, limit_choices_to={'structure': '2025'}, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='website.province', verbose_name='tỉnh, thành phố (từ 01/7/2025)')),
                    ],
                    options={
                        'verbose_name': 'địa bàn cán bộ số liệu',
                        'verbose_name_plural': 'địa bàn cán bộ số liệu',
                        'db_table': 'careers_officerarea',
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('district__isnull', True), ('province__isnull', False)), models.Q(('district__isnull', False), ('province__isnull', True)), _connector='OR'), name='officer_area_one_unit')],
                    },
                ),
                migrations.CreateModel(
                    name='StreamingFigure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('education_level', models.CharField(choices=[('THCS', 'THCS (sau lớp 9)'), ('THPT', 'THPT (sau lớp 12)'), ('THCS+THPT', 'THCS và THPT')], max_length=9, verbose_name='cấp học')),
                        ('kind', models.CharField(choices=[('target', 'chỉ tiêu'), ('actual', 'kết quả')], max_length=6, verbose_name='loại')),
                        ('scope_level', models.CharField(choices=[('province', 'tỉnh'), ('city', 'thành phố trực thuộc trung ương'), ('district', 'quận, huyện (trước 01/7/2025)'), ('commune', 'xã, phường (từ 01/7/2025)'), ('school', 'trường')], max_length=8, verbose_name='cấp địa bàn')),
                        ('school_name', models.CharField(blank=True, max_length=200, verbose_name='tên trường')),
                        ('place', models.CharField(blank=True, help_text='Cho trường khi văn bản không nói rõ tỉnh, ví dụ “(An Lão)”.', max_length=100, verbose_name='địa danh ghi trong văn bản')),
                        ('period', models.CharField(help_text='Như văn bản ghi: 2025 (kế hoạch năm 2025) hoặc 2023-2024 (năm học).', max_length=9, verbose_name='năm, năm học')),
                        ('value', models.DecimalField(decimal_places=2, help_text='Phần trăm (0–100) hoặc số lần, theo đơn vị của chỉ tiêu.', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='giá trị')),
                        ('decimals', models.PositiveSmallIntegerField(blank=True, help_text='Văn bản in “23,30” là 2: trang giữ đúng số chữ số đó. Để trống: số làm gọn.', null=True, validators=[django.core.validators.MaxValueValidator(2)], verbose_name='số chữ số thập phân văn bản in')),
                        ('comparator', models.CharField(choices=[('=', 'bằng'), ('~', 'khoảng'), ('>=', 'ít nhất'), ('<=', 'không quá')], default='=', max_length=2, verbose_name='so sánh')),
                        ('document', models.CharField(max_length=400, verbose_name='văn bản nguồn')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='ghi chú')),
                        ('year', models.PositiveSmallIntegerField(db_index=True, editable=False, verbose_name='năm')),
                        ('key', models.CharField(editable=False, max_length=64, unique=True)),
                        ('commune', models.ForeignKey(blank=True, limit_choices_to={'structure': '2025'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='streaming_figures', to='website.commune', verbose_name='xã, phường (từ 01/7/2025)')),
                        ('current_province', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='website.province', verbose_name='tỉnh hiện nay')),
                        ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='streaming_figures', to='website.district', verbose_name='quận, huyện (trước 01/7/2025)')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('province', models.ForeignKey(blank=True, help_text='Tỉnh của hệ thống đơn vị đang áp dụng khi ban hành văn bản.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='streaming_figures', to='website.province', verbose_name='tỉnh, thành phố')),
                        ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='figures', to='streaming.streamingindicator', verbose_name='chỉ tiêu')),
                    ],
                    options={
                        'verbose_name': 'số liệu phân luồng',
                        'verbose_name_plural': 'số liệu phân luồng',
                        'db_table': 'careers_streamingfigure',
                        'ordering': ['-year', 'education_level', 'indicator__sort_order', 'scope_level'],
                        'permissions': [('publish_streamingfigure', 'Can publish số liệu phân luồng')],
                        'indexes': [models.Index(fields=['current_province', 'year'], name='careers_str_current_744d65_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
