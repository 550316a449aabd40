import functools
from decimal import Decimal
from pathlib import Path

import pytest

from careers.models import TrainingField
from search.signals import deferred
from tests.careers import factories
from tests.conftest import default_home_page, flushes, fresh_pages, rolled_back
from tests.search.helpers import engine_for
from website.demo import indexes_updated_once

ENGINES = ["database", "elasticsearch"]


def in_bulk(fixture):
    """A fixture that publishes many pages, as the demo loader does: search rows and Wagtail's
    indexes written once per page at its end (the same rows, tested in test_facet_index.py
    and tests/website/test_demo.py), not at every save."""

    @functools.wraps(fixture)
    def made_in_bulk(*args, **kwargs):
        with deferred(), indexes_updated_once():
            return fixture(*args, **kwargs)

    return made_in_bulk


def _occupation(index, title, field, levels, riasec, outlook, pay, **fields):
    return factories.occupation(
        index,
        title=title,
        levels=levels,
        riasec_code=riasec,
        outlook=outlook,
        outlook_source="Dự báo nhu cầu lao động (nguồn kiểm thử)" if outlook else "",
        pay_start_min=Decimal(pay) if pay else None,
        training_field=TrainingField.objects.get(code=field),
        **fields,
    )


@in_bulk
def make_catalogue(home_page):
    """Eight published occupations (and one draft) chosen to exercise folding, phrases,
    synonyms and every facet."""
    index = factories.occupation_index(home_page)
    pages = {
        "dien-cn": _occupation(
            index,
            "Điện công nghiệp",
            "52",
            ("trung-cap", "cao-dang"),
            "RIC",
            "tang",
            "7.5",
            summary="Lắp đặt, vận hành hệ thống điện trong nhà máy.",
        ),
        "dien-dd": _occupation(
            index,
            "Điện dân dụng",
            "52",
            ("so-cap", "trung-cap"),
            "RCI",
            "on-dinh",
            "5.5",
            other_names="thợ điện, thợ điện nước",
            summary="Đi dây, sửa đồ điện trong nhà.",
        ),
        "dien-tu": _occupation(
            index,
            "Điện tử công nghiệp",
            "51",
            ("cao-dang",),
            "RI",
            "tang",
            "8",
            summary="Sửa chữa, bảo trì mạch và thiết bị công nghiệp.",
        ),
        "dien-vien": _occupation(
            index,
            "Diễn viên sân khấu",
            "21",
            ("cao-dang",),
            "AS",
            "on-dinh",
            "6",
            summary="Diễn xuất trên sân khấu, phim truyền hình.",
            tasks=[("list", ["Tập vai, biểu diễn."])],
            skills="Diễn xuất",
        ),
        "ke-toan": _occupation(
            index,
            "Kế toán doanh nghiệp",
            "34",
            ("trung-cap", "cao-dang"),
            "CE",
            "on-dinh",
            "8",
            summary="Ghi chép, lập báo cáo tài chính.",
            tasks=[("list", ["Lập chứng từ, sổ sách."])],
            skills="Cẩn thận với con số",
        ),
        "o-to": _occupation(
            index,
            "Công nghệ ô tô",
            "51",
            ("trung-cap", "cao-dang"),
            "RI",
            "tang-manh",
            "8",
            summary="Bảo dưỡng, sửa chữa xe ô tô.",
            tasks=[("list", ["Kiểm tra động cơ."])],
            skills="Khéo tay",
        ),
        "cntt": _occupation(
            index,
            "Công nghệ thông tin (ứng dụng phần mềm)",
            "48",
            ("cao-dang",),
            "IRC",
            "tang-manh",
            "10",
            summary="Viết và bảo trì phần mềm ứng dụng.",
            tasks=[("list", ["Lập trình ứng dụng."])],
            skills="Tư duy logic",
        ),
        "nau-an": _occupation(
            index,
            "Kỹ thuật chế biến món ăn",
            "81",
            ("so-cap", "trung-cap"),
            "RAE",
            "tang",
            "6",
            summary="Nấu các món Á, Âu trong nhà hàng, khách sạn.",
            tasks=[("list", ["Sơ chế, chế biến món."])],
            skills="Vệ sinh an toàn thực phẩm",
        ),
    }
    factories.occupation(index, title="Điện năng lượng mặt trời", live=False)
    return pages


@in_bulk
def make_schools(home_page, catalogue):
    """Two schools and five programmes (one retired) training for catalogue occupations."""
    import datetime

    from django.utils import timezone

    from tests.institutions import factories as school_factories

    today = timezone.localdate()
    index = school_factories.index(home_page)
    can_tho = school_factories.province("Cần Thơ")
    da_nang = school_factories.province("Đà Nẵng")
    school_a = school_factories.institution(
        index,
        title="Trường Cao đẳng Kỹ thuật Cần Thơ",
        province=can_tho,
        commune=school_factories.commune(can_tho, "Ninh Kiều"),
        boarding=True,
    )
    school_b = school_factories.institution(
        index,
        title="Trường Trung cấp Tư thục Đà Nẵng",
        institution_type="trung-cap",
        ownership="tu-thuc",
        province=da_nang,
        boarding=False,
    )

    def field(code):
        return TrainingField.objects.get(code=code)

    programmes = {
        "dien": school_factories.programme(
            school_a,
            "Điện công nghiệp",
            code="6520227",
            level="cao-dang",
            occupations=[catalogue["dien-cn"]],
            training_field=field("52"),
            duration_months=30,
            tuition=1_200_000,
            admission_start=today - datetime.timedelta(days=1),
            admission_end=today + datetime.timedelta(days=30),
        ),
        "ke-toan": school_factories.programme(
            school_a,
            "Kế toán doanh nghiệp",
            code="5340302",
            level="trung-cap",
            occupations=[catalogue["ke-toan"]],
            training_field=field("34"),
            duration_months=24,
            nine_plus=True,
            tuition=0,
            tuition_exemptions="Miễn 100% học phí cho học sinh tốt nghiệp THCS.",
        ),
        "o-to": school_factories.programme(
            school_b,
            "Công nghệ ô tô",
            code="5510216",
            level="trung-cap",
            occupations=[catalogue["o-to"]],
            training_field=field("51"),
            duration_months=18,
            tuition=900_000,
            admission_start=today - datetime.timedelta(days=60),
            admission_end=today - datetime.timedelta(days=30),
        ),
        "nau-an": school_factories.programme(
            school_b,
            "Kỹ thuật chế biến món ăn",
            level="so-cap",
            occupations=[catalogue["nau-an"]],
            training_field=field("81"),
            duration_months=6,
            tuition=2_000_000,
        ),
    }
    school_factories.programme(school_b, "Điện lạnh", level="trung-cap", retired=True)
    return {"a": school_a, "b": school_b, **programmes}


# The catalogue and the schools are most of a search test's time: a module makes them once,
# in a transaction rolled back after it, and each test nests its own transaction inside (what
# a test changes is undone before the next) and reads the pages afresh. The facet index of
# the process follows: its versions are random, so a rolled-back write is never taken for the
# current state (search/facetindex.py). A module with a transactional test, which Django
# empties at its end, makes them for each test instead.


def _world(item):
    """What shared content a test sees: 0 none, 1 the catalogue, 2 the catalogue and schools."""
    names = set(getattr(item, "fixturenames", ()))
    return 2 if "schools" in names else 1 if "catalogue" in names else 0


def pytest_collection_modifyitems(items):
    """Within each search module, the tests that use none of the shared content run first,
    then those of the catalogue alone, then those with the schools: each content is made
    when the first test that needs it starts and stays until the module ends, so every test
    sees exactly what it asked for, as if it were made for it alone (the sort is stable)."""
    here = Path(__file__).parent
    first = {}
    for number, item in enumerate(items):
        first.setdefault(item.path, number)
    items.sort(
        key=lambda item: (first[item.path], _world(item) if item.path.is_relative_to(here) else 0)
    )


@pytest.fixture(scope="module")
def module_transaction(request, django_db_setup, django_db_blocker):
    """True inside the module's transaction; False in a module with a transactional test."""
    if any(flushes(item) for item in request.session.items if item.module is request.module):
        yield False
        return
    with rolled_back(django_db_blocker):
        yield True


def _pks(pages):
    return {name: page.pk for name, page in pages.items()}


@pytest.fixture(scope="module")
def catalogue_pks(module_transaction, django_db_blocker):
    if not module_transaction:
        return None
    with django_db_blocker.unblock():
        return _pks(make_catalogue(default_home_page()))


@pytest.fixture(scope="module")
def schools_pks(module_transaction, catalogue_pks, django_db_blocker):
    if not module_transaction:
        return None
    with django_db_blocker.unblock():
        return _pks(make_schools(default_home_page(), fresh_pages(catalogue_pks)))


@pytest.fixture
def catalogue(catalogue_pks, home_page):
    if catalogue_pks is None:
        return make_catalogue(home_page)
    return fresh_pages(catalogue_pks)


@pytest.fixture
def schools(schools_pks, home_page, catalogue):
    if schools_pks is None:
        return make_schools(home_page, catalogue)
    return fresh_pages(schools_pks)


@pytest.fixture(scope="session", autouse=True)
def elasticsearch_test_indexes():
    """With a server (``ELASTICSEARCH_URL=… make test-es``), tests write only to indexes of this
    run's own prefix (``ELASTICSEARCH_INDEX_PREFIX`` in the test settings); they are listed
    and deleted by name at the end (wildcard deletes are refused by default)."""
    yield
    from django.conf import settings

    if settings.ELASTICSEARCH_TEST_URL:
        from search.documents import ElasticsearchEngine

        ElasticsearchEngine(
            settings.ELASTICSEARCH_TEST_URL,
            settings.ELASTICSEARCH_INDEX_PREFIX,
            ca_certs=settings.ELASTICSEARCH_CA_CERTS,
            api_key=settings.ELASTICSEARCH_API_KEY,
        ).drop_indexes()


@pytest.fixture(params=ENGINES)
def engine(request, settings, catalogue):
    """The engine under test, with the catalogue indexed in it."""
    return engine_for(request.param, settings)


@pytest.fixture(params=ENGINES)
def programme_engine(request, settings, schools):
    """The engine under test, with the catalogue and the schools indexed in it."""
    return engine_for(request.param, settings)
