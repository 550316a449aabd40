"""Which engine answers: Elasticsearch when ELASTICSEARCH_URL is set and the server answers,
otherwise the database engine.

"Down" and "wrong" are different errors. When Elasticsearch is unavailable (cannot be reached,
timed out, 429, 5xx, the index is missing) a search is answered from the database and a
warning is logged. When it refuses the request (400, 401, 403, …: a bug or a
misconfiguration) the error is logged at ERROR and, under DEBUG and in tests
(``ELASTICSEARCH_RAISE_ERRORS``), raised; in production the database still answers the user.
"""

import logging

from django.conf import settings

from search.database import DatabaseEngine

logger = logging.getLogger(__name__)

_database = DatabaseEngine()


class ElasticsearchUnavailable(Exception):
    """The server cannot answer now: answer from the database."""


class ElasticsearchRefused(Exception):
    """The server refused the request: a bug or a misconfiguration, never hidden."""


def raise_errors():
    return getattr(settings, "ELASTICSEARCH_RAISE_ERRORS", settings.DEBUG)


def database_engine():
    return _database


def elasticsearch_engine():
    """The Elasticsearch engine when ELASTICSEARCH_URL is set, else None."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return None
    from search.documents import ElasticsearchEngine

    return ElasticsearchEngine.from_settings()


def _answer(what, ask, fallback):
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return ask(engine)
        except ElasticsearchUnavailable as error:
            logger.warning(
                "Elasticsearch unavailable (%s); %s from the database engine", error, what
            )
        except ElasticsearchRefused as error:
            logger.error(
                "Elasticsearch refused the request (%s); %s from the database engine", error, what
            )
            if raise_errors():
                raise
    return fallback()


def search(query):
    return _answer(
        "answering",
        lambda engine: engine.search(query),
        lambda: _database.search(query),
    )


def suggest(kind, text, limit=8):
    return _answer(
        "suggestions",
        lambda engine: engine.suggest(kind, text, limit),
        lambda: _database.suggest(kind, text, limit),
    )
