#!/bin/sh
# Keep site/locale_admin/vi in step with the installed Wagtail (run from the repository root).
#
#   sh site/locale_admin/update_catalogs.sh check        # what Wagtail has that we lack, and stale entries
#   sh site/locale_admin/update_catalogs.sh add-missing  # append the missing msgids, untranslated
#   sh site/locale_admin/update_catalogs.sh compile      # msgfmt --check, writes the .mo files
#
# See README.md in this directory.
set -eu
HERE=$(dirname "$0")
PYTHON=${PYTHON:-.venv/bin/python}
case "${1:-check}" in
compile)
    for domain in django djangojs; do
        msgfmt --check --statistics -o "$HERE/vi/LC_MESSAGES/$domain.mo" "$HERE/vi/LC_MESSAGES/$domain.po"
    done
    ;;
check | add-missing)
    "$PYTHON" - "$1" "$HERE/vi/LC_MESSAGES" <<'PY'
import ast, os, sys
from pathlib import Path

import django
import taggit
import wagtail

mode, out = sys.argv[1], Path(sys.argv[2])
W = Path(wagtail.__file__).parent
D = Path(django.__file__).parent
# (app directory under wagtail/, domain); the order is the order of priority for translating.
CATALOGS = [("admin", "django"), ("admin", "djangojs"), ("", "django"), ("images", "django"),
            ("documents", "django"), ("snippets", "django"), ("users", "django"), ("search", "django"),
            ("sites", "django"), ("contrib/settings", "django"), ("contrib/redirects", "django"),
            ("embeds", "django"), ("contrib/forms", "django"), ("contrib/table_block", "django"),
            ("locales", "django"), ("contrib/simple_translation", "django")]
# Django catalogs whose missing or poor Vietnamese strings we also carry (entries tagged "#. django").
DJANGO_CATALOGS = ["conf", "contrib/auth", "contrib/contenttypes", "contrib/sessions"]
# Catalogs of other packages whose strings the admin shows and that have no (loaded) Vietnamese:
# django-taggit has none; django.contrib.humanize is not an installed app, so its catalog is not
# loaded, yet Wagtail's status panel uses its naturaltime ("50 seconds ago").
OTHER_CATALOGS = [(Path(taggit.__file__).parent, "taggit"), (D / "contrib/humanize", "django.contrib.humanize")]


def read_po(path):
    entries, entry, field = [], {"flags": [], "comments": []}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in entry and not entry.get("obsolete"):
                entries.append(entry)
            entry, field = {"flags": [], "comments": []}, None
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#."):
            entry["comments"].append(line[2:].strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries


def key(e):
    return e.get("msgctxt"), e["msgid"], e.get("msgid_plural")


def quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    return f'"{s}"'


missing_total = 0
for domain in ("django", "djangojs"):
    ours = read_po(out / f"{domain}.po")
    have = {key(e) for e in ours}
    upstream, origin = {}, {}
    sources = [
        (W / app, "wagtail" + ("." + app.replace("/", ".") if app else ""))
        for app, dom in CATALOGS
        if dom == domain
    ]
    sources += OTHER_CATALOGS if domain == "django" else []
    for directory, name in sources:
        for e in read_po(directory / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"):
            if e["msgid"]:
                upstream.setdefault(key(e), e)
                origin.setdefault(key(e), name)
    in_django = set()
    for app in DJANGO_CATALOGS if domain == "django" else []:
        in_django |= {key(e) for e in read_po(D / app / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    missing = [k for k in upstream if k not in have]
    stale = [e for e in ours[1:] if key(e) not in upstream and key(e) not in in_django]
    untranslated = [e for e in ours[1:] if not (e.get("msgstr") or e.get("msgstr[0]"))]
    missing_total += len(missing) + len(untranslated)
    print(f"{domain}: {len(missing)} msgid(s) missing, {len(untranslated)} untranslated,"
          f" {len(stale)} no longer in Wagtail/Django")
    for k in missing:
        print("  missing:", repr(k[1]))
    for e in untranslated:
        print("  untranslated:", repr(e["msgid"]))
    for e in stale:
        print("  stale:  ", repr(e["msgid"]))
    if mode == "add-missing" and missing:
        with open(out / f"{domain}.po", "a", encoding="utf-8") as fh:
            for k in missing:
                e = upstream[k]
                lines = [f"#. {origin[k]}"]
                flags = [f for f in e["flags"] if f != "fuzzy"]
                if flags:
                    lines.append("#, " + ", ".join(flags))
                if k[0] is not None:
                    lines.append(f"msgctxt {quote(k[0])}")
                lines.append(f"msgid {quote(k[1])}")
                if k[2] is not None:
                    lines += [f"msgid_plural {quote(k[2])}", 'msgstr[0] ""']
                else:
                    lines.append('msgstr ""')
                fh.write("\n" + "\n".join(lines) + "\n")
        print(f"  appended {len(missing)} untranslated entries to {domain}.po")
sys.exit(1 if mode == "check" and missing_total else 0)
PY
    ;;
*)
    echo "usage: $0 [check|add-missing|compile]" >&2
    exit 2
    ;;
esac
