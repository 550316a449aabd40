import pytest

from django.test import override_settings

from tests.conftest import rolled_back
from website.demo import SITE_DEMO, load_demo
from website.models import Commune, Province, Structure

# The current provinces and communes the demo's sample events take place in (codes from the
# General Statistics Office, as ``load_admin_units`` loads them).
DEMO_PLACES = [
    ("01", "Thành phố Hà Nội", "Hà Nội", "ha-noi", "00166", "Phường Cầu Giấy"),
    ("79", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", "ho-chi-minh", "26740", "Phường Sài Gòn"),
    ("92", "Thành phố Cần Thơ", "Cần Thơ", "can-tho", "31135", "Phường Ninh Kiều"),
    ("80", "Tỉnh Tây Ninh", "Tây Ninh", "tay-ninh", "27694", "Phường Long An"),
    ("48", "Thành phố Đà Nẵng", "Đà Nẵng", "da-nang", "20242", "Phường Hải Châu"),
    ("40", "Tỉnh Nghệ An", "Nghệ An", "nghe-an", "16681", "Phường Thành Vinh"),
]


def add_demo_places():
    """The few current provinces and communes ``load_demo`` needs (not the full load)."""
    for code, name, short_name, slug, commune_code, commune_name in DEMO_PLACES:
        province, _ = Province.objects.get_or_create(
            structure=Structure.CURRENT,
            code=code,
            defaults={"name": name, "short_name": short_name, "slug": slug},
        )
        Commune.objects.get_or_create(
            structure=Structure.CURRENT,
            code=commune_code,
            defaults={
                "name": commune_name,
                "short_name": commune_name.removeprefix("Phường "),
                "province": province,
            },
        )


@pytest.fixture
def demo_places(db):
    add_demo_places()


@pytest.fixture(scope="module")
def site_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The site's demo, loaded once for a test module (its images in a media folder of the
    module's) and rolled back after it; each test's own ``db`` transaction nests inside, so
    what a test changes is undone before the next. Not for transactional tests."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media), rolled_back(django_db_blocker):
        add_demo_places()
        yield load_demo(SITE_DEMO)
