from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# Frozen copies of what search/postgres.py held when this migration was written (a migration
# never imports application code).
CONFIGURATION = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vn_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION vn_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION vn_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
"""


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CONFIGURATION)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS vn_unaccent")


def row_indexes(table):
    """Forward and backward functions creating the GIN indexes of one search-row table."""
    statements = [
        f"CREATE INDEX IF NOT EXISTS {table}_vector ON {table} USING gin (search_vector)",
        f"CREATE INDEX IF NOT EXISTS {table}_tokens ON {table} USING gin (facet_tokens)",
        f"CREATE INDEX IF NOT EXISTS {table}_trgm ON {table} USING gin (names_folded gin_trgm_ops)",
    ]

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for suffix in ("vector", "tokens", "trgm"):
                schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{suffix}")

    return forwards, backwards


occupation_indexes = row_indexes("search_occupationsearchrow")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
        migrations.RunPython(*occupation_indexes),
    ]
