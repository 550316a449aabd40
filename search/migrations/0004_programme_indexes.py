from django.db import migrations

# A frozen copy of search/postgres.py's row_indexes, for the programme table (a migration never
# imports application code).
TABLE = "search_programmesearchrow"
STATEMENTS = [
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (search_vector)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_tokens ON {TABLE} USING gin (facet_tokens)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_trgm ON {TABLE} USING gin (names_folded gin_trgm_ops)",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in STATEMENTS:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for suffix in ("vector", "tokens", "trgm"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_{suffix}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_programmes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
