from django.db import migrations

# A frozen copy of search/postgres.py's token_array (a migration never imports application code).
TABLES = ("search_occupationsearchrow", "search_programmesearchrow")


def add_token_arrays(apps, schema_editor):
    """PostgreSQL only: ``tokens text[]``, a copy of ``facet_tokens`` as a native array,
    because unnesting and overlapping a text[] is several times faster than doing the same on
    jsonb — the facet counts read it for every match."""
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS tokens text[] "
                f"NOT NULL DEFAULT '{{}}'"
            )
            schema_editor.execute(
                f"UPDATE {table} SET tokens = "
                f"ARRAY(SELECT jsonb_array_elements_text(facet_tokens))"
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_token_array ON {table} USING gin (tokens)"
            )


def drop_token_arrays(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS tokens")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_programme_indexes")]

    operations = [migrations.RunPython(add_token_arrays, drop_token_arrays)]
