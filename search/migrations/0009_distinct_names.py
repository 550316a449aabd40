from django.db import migrations

# PostgreSQL only. For the near-match search (a typo: word similarity of the query against the
# names), each kind's distinct folded names in a table of their own with a trigram index, so the
# similarity is computed once per distinct name instead of once per row (many programmes share
# a name); a b-tree on the rows' names leads from a name back to its rows. A trigger adds the
# name of every row written; names no row holds any more are harmless (they lead to no row) and
# are pruned by a rebuild (search.indexing.rebuild_rows).
TABLES = ("search_occupationsearchrow", "search_programmesearchrow")
NAME_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_name() RETURNS trigger AS $$
BEGIN
  INSERT INTO {table}_names (names_folded) VALUES (NEW.names_folded) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        names = f"{table}_names"
        schema_editor.execute(f"CREATE TABLE {names} (names_folded text PRIMARY KEY)")
        schema_editor.execute(
            f"CREATE INDEX {names}_trgm ON {names} USING gin (names_folded gin_trgm_ops)"
        )
        schema_editor.execute(f"CREATE INDEX {table}_names_folded ON {table} (names_folded)")
        schema_editor.execute(
            f"INSERT INTO {names} (names_folded) SELECT DISTINCT names_folded FROM {table}"
        )
        schema_editor.execute(NAME_FUNCTION.format(table=table))
        schema_editor.execute(
            f"CREATE TRIGGER {table}_name AFTER INSERT OR UPDATE OF names_folded ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_name()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_name ON {table}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_names_folded")
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}_names")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_name()")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_search_change_log")]

    operations = [migrations.RunPython(create, drop)]
