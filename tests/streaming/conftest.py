import pytest


@pytest.fixture(scope="module")
def real_streaming(admin_units, django_db_blocker):
    """The real targets and results of careers/streaming/data, imported once per module over
    the administrative units; rolled back after the module like ``admin_units``."""
    from careers.streaming.importers import load_real_figures
    from tests.conftest import rolled_back

    with rolled_back(django_db_blocker):
        results = load_real_figures()
        assert all(result.ok for result in results.values()), results
        yield results


@pytest.fixture
def streaming_page(home_page):
    return make_streaming_page(home_page)


def make_streaming_page(home_page):
    """/thong-ke/phan-luong/ under a published /thong-ke/."""
    from careers.streaming.models import StatisticsIndexPage, StreamingDashboardPage
    from tests.factories import publish

    index = StatisticsIndexPage.objects.child_of(home_page).first() or publish(
        home_page, StatisticsIndexPage(title="Thống kê", slug="thong-ke", show_in_menus=True)
    )
    return StreamingDashboardPage.objects.child_of(index).first() or publish(
        index, StreamingDashboardPage(title="Chỉ tiêu phân luồng", slug="phan-luong")
    )
