"""Rules of the repository that no page shows: frozen migrations, documented configuration."""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def first_party_packages():
    """The top-level import names of our packages (``website`` for ``site/``, the apps)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return {name.split(".")[0] for name in config["packages"]}


def application_imports(source, first_party):
    """The first-party modules a migration's source imports, other than migrations."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level > 1:  # from .. (the app itself)
                found.append("." * node.level + (node.module or ""))
            if node.level:
                continue
            modules = [node.module]
        else:
            continue
        found += [
            module
            for module in modules
            if module.split(".")[0] in first_party and "migrations" not in module.split(".")
        ]
    return found


def test_the_import_check_sees_application_code():
    source = (
        "import careers.models.labour\n"
        "from django.db import migrations\n"
        "from search.postgres import row_indexes\n"
        "from careers.migrations import helpers\n"
        "from .. import models\n"
        "def forwards(apps, schema_editor):\n"
        "    from website.text import fold\n"
    )
    assert application_imports(source, {"careers", "search", "website"}) == [
        "careers.models.labour",
        "search.postgres",
        "..",
        "website.text",
    ]


def test_no_migration_imports_application_code():
    """A migration is history: it may not change when a module of the application does
    (copy the function it needs into it; historical models come from ``apps.get_model``)."""
    first_party = first_party_packages()
    migrations = [
        path
        for path in ROOT.glob("**/migrations/*.py")
        if not path.relative_to(ROOT).parts[0].startswith(".")
    ]
    assert len(migrations) > 20
    offenders = {
        str(path.relative_to(ROOT)): imports
        for path in migrations
        if (imports := application_imports(path.read_text(), first_party))
    }
    assert offenders == {}


READS = [
    re.compile(
        r"""(?:environ(?:\.get|\.setdefault)?|getenv|env_list|env\.get)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    ),
    re.compile(r"""environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""),
]


def environment_variables(*folders):
    names = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text()
            for pattern in READS:
                names.update(pattern.findall(source))
    return names


def readme_table_variables():
    """The variables the first column of the README's configuration table names."""
    text = (ROOT / "README.md").read_text()
    table = text.split("| variable | meaning |", 1)[1].split("\n\n", 1)[0]
    return {
        name
        for line in table.splitlines()
        if line.startswith("|")
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1])
    }


def test_the_readme_documents_every_environment_variable():
    read = environment_variables("site/settings", "deploy")
    # dj_database_url.config() reads DATABASE_URL itself.
    read.add("DATABASE_URL")
    assert {"SECRET_KEY", "CSRF_TRUSTED_ORIGINS", "GUNICORN_WORKERS"} <= read
    assert sorted(read - readme_table_variables()) == []


def test_the_readme_links_stay_in_the_repository():
    text = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)#]+)", text) + re.findall(r"`(\.\./[^`]*)`", text)
    local = [target for target in targets if "://" not in target]
    assert "docs/architecture.md" in local
    outside = [target for target in local if not (ROOT / target).resolve().is_relative_to(ROOT)]
    missing = [target for target in local if not (ROOT / target).exists()]
    assert outside == [] and missing == []


def test_every_section_index_names_a_context_builder_that_exists():
    from django.utils.module_loading import import_string

    from wagtail.models import get_page_models

    from website.models.pages import SectionIndexPage

    sections = [model for model in get_page_models() if issubclass(model, SectionIndexPage)]
    assert len(sections) >= 5
    for model in sections:
        assert callable(import_string(model.context_builder)), model
