"""The careers demo: the occupation list, 40+ occupations, the labour-market page (data in
``careers/demo/``; pay, outlook and hiring figures there are sample data), the real GSO 2016
tables and 2019–2025 figures, and sample regional demand in the import format."""

from pathlib import Path

from careers.gso import import_gso_yearbook
from careers.importers import import_isco, import_series, import_training_fields
from careers.lfs import SERIES_FILE
from website.demo import Demo

FOLDER = Path(__file__).parent / "demo"
SAMPLE_DEMAND_FILE = FOLDER / "nhu-cau-lao-dong-mau.csv"


def import_reference_tables(run):
    """The ISCO-08 groups and training fields the occupations are filed under (idempotent;
    fills the Vietnamese names an editor has not given)."""
    import_isco()
    import_training_fields()


def import_figures(run):
    """The real figures, and the sample regional demand, through the labour-series import."""
    results = import_gso_yearbook()
    for path in (SERIES_FILE, SAMPLE_DEMAND_FILE):
        with path.open("rb") as handle:
            results[path.name] = import_series(handle, path.name)
    for name, result in results.items():
        if result.ok:
            run.say(f"{name}: {result.created} số liệu mới, {result.unchanged} không đổi.")
        else:
            run.say(f"{name}: không nạp được ({result.errors[0]}).")


CAREERS_DEMO = Demo(FOLDER, before=import_reference_tables, after=import_figures)
