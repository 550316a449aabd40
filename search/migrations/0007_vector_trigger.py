from django.db import migrations

# A frozen copy of search/postgres.py's vector_trigger (a migration never imports application
# code): a trigger that computes each row's search vector (names weight A, text weight B) as it
# is written, so a row's vector can never be stale.
TABLES = ("search_occupationsearchrow", "search_programmesearchrow")
VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION search_row_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vn_unaccent', coalesce(NEW.names_exact, '')), 'A') ||
    setweight(to_tsvector('vn_unaccent', coalesce(NEW.text_exact, '')), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(VECTOR_FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_vector BEFORE INSERT OR UPDATE OF names_exact, "
            f"text_exact ON {table} FOR EACH ROW EXECUTE FUNCTION search_row_vector()"
        )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_vector ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_row_vector()")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_facet_index")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
