import pytest

from wagtail.models import Site


@pytest.fixture
def home_page(db):
    """The home page the initial migration creates, as the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific
