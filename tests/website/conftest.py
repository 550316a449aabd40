import pytest

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


@pytest.fixture
def demo_places(db):
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
