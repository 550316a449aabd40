"""Rules of the repository that no page shows: frozen migrations, documented configuration."""

import ast
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
