"""Moved to ``website.charts``; the streaming modules import it from here until they move into
their own package (issue 12), then this module goes."""

from website.charts import Pair, paired_bar_chart  # noqa: F401
