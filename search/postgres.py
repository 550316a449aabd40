"""PostgreSQL objects the database engine needs, created by migrations (nothing on SQLite)."""

TEXT_CONFIG = "vn_unaccent"

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


def token_array(table):
    """PostgreSQL only: ``tokens text[]``, a copy of ``facet_tokens`` as a native array
    (kept by ``search.indexing``), because unnesting and overlapping a text[] is several
    times faster than doing the same on jsonb — the facet counts read it for every match."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS tokens text[] "
                f"NOT NULL DEFAULT '{{}}'"
            )
            schema_editor.execute(
                f"UPDATE {table} SET tokens = "  # noqa: S608 - the table name is ours
                f"ARRAY(SELECT jsonb_array_elements_text(facet_tokens))"
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_token_array ON {table} USING gin (tokens)"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS tokens")

    return forwards, backwards


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


VECTOR_FUNCTION = f"""
CREATE OR REPLACE FUNCTION search_row_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('{TEXT_CONFIG}', coalesce(NEW.names_exact, '')), 'A') ||
    setweight(to_tsvector('{TEXT_CONFIG}', coalesce(NEW.text_exact, '')), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""


def vector_trigger(*tables):
    """Forward and backward functions of a trigger that computes each row's search vector
    (names weight A, text weight B) as it is written: a row is written once, by a plain
    INSERT, and its vector can never be stale."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(VECTOR_FUNCTION)
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_vector BEFORE INSERT OR UPDATE OF names_exact, "
                f"text_exact ON {table} FOR EACH ROW EXECUTE FUNCTION search_row_vector()"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_vector ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS search_row_vector()")

    return forwards, backwards
