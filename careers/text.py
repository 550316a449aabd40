"""Moved to ``website.text``; the streaming modules import it from here until they move into
their own package (issue 12), then this module goes."""

from website.text import fold, sort_key  # noqa: F401
