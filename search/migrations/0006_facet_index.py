from django.db import migrations, models

TABLES = ("search_occupationsearchrow", "search_programmesearchrow")


def drop_token_array(apps, schema_editor):
    """The facet tokens are counted in memory now (search/facetindex.py): the native array
    copy and the GIN indexes over the tokens are no longer read."""
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_tokens")
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS tokens")


def restore_token_array(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            # A frozen copy of what search/postgres.py's token_array did (0005).
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
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_tokens ON {table} USING gin (facet_tokens)"
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_token_arrays")]

    operations = [
        migrations.CreateModel(
            name="SearchState",
            fields=[
                ("kind", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("version", models.CharField(max_length=32)),
            ],
            options={
                "verbose_name": "phiên bản dòng tìm kiếm",
                "verbose_name_plural": "phiên bản dòng tìm kiếm",
            },
        ),
        migrations.RunPython(drop_token_array, restore_token_array),
    ]
