from django.db import migrations

AUDIENCES = [
    ("lop-9", "Học sinh lớp 9", 1),
    ("lop-12", "Học sinh lớp 12", 2),
    ("phu-huynh", "Phụ huynh", 3),
    ("giao-vien", "Giáo viên", 4),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("website", "Audience")
    for slug, name, order in AUDIENCES:
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def create_home_page(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with the portal's home page."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("website", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    placeholder_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=placeholder_type, slug="home", depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="website")
    home = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="trang-chu",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=Locale.objects.first(),
        intro="Tìm hiểu nghề nghiệp, trường học và con đường học tiếp sau lớp 9, lớp 12.",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Hướng nghiệp"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_audiences, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
    ]
