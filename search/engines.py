"""Which engine answers: Elasticsearch when ELASTICSEARCH_URL is set and the server answers,
otherwise the database engine. A search never fails because Elasticsearch is down: it is
answered from the database and a warning is logged."""

import logging

from elasticsearch import ApiError, TransportError

from django.conf import settings

from search.database import DatabaseEngine

logger = logging.getLogger(__name__)

_database = DatabaseEngine()

ElasticsearchUnavailable = (TransportError, ApiError)


def database_engine():
    return _database


def elasticsearch_engine():
    """The Elasticsearch engine when ELASTICSEARCH_URL is set, else None."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    from search.documents import ElasticsearchEngine

    return ElasticsearchEngine.for_url(url)


def search(query):
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return engine.search(query)
        except engine.unavailable as error:
            logger.warning(
                "Elasticsearch unavailable (%s); answering from the database engine",
                error.__class__.__name__,
            )
    return _database.search(query)


def suggest(kind, text, limit=8):
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return engine.suggest(kind, text, limit)
        except engine.unavailable as error:
            logger.warning(
                "Elasticsearch unavailable (%s); suggestions from the database engine",
                error.__class__.__name__,
            )
    return _database.suggest(kind, text, limit)
