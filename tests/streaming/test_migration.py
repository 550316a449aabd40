"""The move of streaming out of the careers app (streaming.0001, careers.0010) on a database
made before it: rows, content types, pages and permissions survive."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from careers.streaming.access import create_data_officer, find_area
from careers.streaming.models import (
    OfficerArea,
    StatisticsIndexPage,
    StreamingDashboardPage,
    StreamingFigure,
    StreamingIndicator,
)

# The test migrates back and forth inside the transactions the module's data is kept in:
# PostgreSQL's schema changes are transactional; SQLite cannot alter a table inside a
# transaction with its foreign key checks on.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="migrating inside a transaction needs PostgreSQL (SQLite alters tables outside one)",
    ),
]

BEFORE = [("careers", "0009_merge_quiz_figures"), ("streaming", None)]
MOVED = [StreamingIndicator, StreamingFigure, OfficerArea, StatisticsIndexPage]
MODELS = [model._meta.model_name for model in MOVED]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets[0]).apps if targets else None


def app_labels(content_types):
    return dict(ContentType.objects.filter(pk__in=content_types).values_list("pk", "app_label"))


@pytest.mark.slow
def test_a_database_from_before_the_move_migrates_and_keeps_everything(
    client, real_streaming, streaming_page
):
    province, _district = find_area(province_slug="tay-ninh")
    officer = create_data_officer("so-tay-ninh", province=province)[0]
    figures = StreamingFigure.objects.count()
    cache.clear()
    dashboard = client.get(streaming_page.url).content
    ids = app_labels([ContentType.objects.get_for_model(model).pk for model in MOVED])
    assert set(ids.values()) == {"streaming"}

    old = migrate(BEFORE)
    # The database as the careers app left it: its content types, its models on the tables.
    assert set(app_labels(ids).values()) == {"careers"}
    assert old.get_model("careers", "StreamingFigure").objects.count() == figures
    assert not Permission.objects.filter(content_type__app_label="streaming").exists()
    assert get_user_model().objects.get(pk=officer.pk).has_perm("careers.publish_streamingfigure")

    migrate(None)
    assert app_labels(ids) == ids  # the same rows, renamed back: pages and revisions follow
    assert not ContentType.objects.filter(app_label="careers", model__in=MODELS).exists()
    assert StreamingFigure.objects.count() == figures
    page = StreamingDashboardPage.objects.get(pk=streaming_page.pk)
    assert type(page.get_latest_revision().as_object()) is StreamingDashboardPage
    officer = get_user_model().objects.get(pk=officer.pk)
    assert officer.has_perms(["streaming.publish_streamingfigure", "streaming.add_streamingfigure"])
    cache.clear()
    assert client.get(streaming_page.url).content == dashboard
