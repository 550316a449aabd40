"""Load Viet Nam's administrative units and the 2025 mapping from the package ``vietnamadminunits``.

Codes are the natural keys: a second load updates what changed and creates nothing twice.
The package's keys (``provinceKey``, ``wardKey``) only serve to join its mapping to its units.
"""

from anyascii import anyascii
from vietnamadminunits.converter.converter_2025 import (
    DICT_PROVINCE,
    DICT_PROVINCE_WARD_DIVIDED,
    DICT_PROVINCE_WARD_NO_DIVIDED,
)
from vietnamadminunits.database import get_data

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from website.models import Commune, CommuneSuccession, District, Province, Structure
from website.models.areas import search_name

PROVINCE_COLUMNS = [
    "provinceCode",
    "province",
    "provinceShort",
    "provinceKey",
    "provinceLat",
    "provinceLon",
]
WARD_COLUMNS = ["wardCode", "ward", "wardShort", "wardKey", "wardLat", "wardLon"]
DISTRICT_COLUMNS = ["districtCode", "district", "districtShort", "districtKey"]
UNIT_FIELDS = ["name", "short_name", "search_name", "latitude", "longitude"]
BATCH_SIZE = 1000


@transaction.atomic
def load_admin_units(progress=None):
    """Create or update every unit and succession; return the counts and what could not be mapped.

    ``progress``, when given, is called with a short message after each step.
    """
    report = progress or (lambda message: None)
    changes = {"created": 0, "updated": 0, "deleted": 0}

    def sync(label, queryset, units, fields):
        created, updated = _sync(queryset, units, fields)
        changes["created"] += created
        changes["updated"] += updated
        report(
            _("%(label)s: %(created)d mới, %(updated)d cập nhật")
            % {"label": label, "created": created, "updated": updated}
        )
        return units

    # One row per commune; legacy rows without a commune are island districts that had none.
    current_rows = get_data([*PROVINCE_COLUMNS, *WARD_COLUMNS], table="admin_units")
    legacy_rows = get_data(
        [*PROVINCE_COLUMNS, *DISTRICT_COLUMNS, *WARD_COLUMNS], table="admin_units_legacy"
    )
    legacy_commune_rows = [row for row in legacy_rows if row["wardCode"]]

    provinces = sync(
        _("Tỉnh, thành phố từ 01/7/2025"),
        Province.objects.current(),
        {
            code: _province(row, Structure.CURRENT)
            for code, row in _one_per(current_rows, "provinceCode").items()
        },
        [*UNIT_FIELDS, "slug"],
    )
    current_by_key = {row["provinceKey"]: provinces[row["provinceCode"]] for row in current_rows}
    successor_by_key = {
        old_key: current_by_key[new_key]
        for new_key, old_keys in DICT_PROVINCE.items()
        for old_key in old_keys
    }
    legacy_provinces = sync(
        _("Tỉnh, thành phố trước 01/7/2025"),
        Province.objects.legacy(),
        {
            code: _province(row, Structure.LEGACY, successor_by_key[row["provinceKey"]])
            for code, row in _one_per(legacy_rows, "provinceCode").items()
        },
        [*UNIT_FIELDS, "slug", "successor_id"],
    )
    districts = sync(
        _("Quận, huyện"),
        District.objects.all(),
        {
            code: District(
                code=code,
                name=row["district"],
                short_name=row["districtShort"],
                search_name=search_name(row["district"], row["districtShort"]),
                province=legacy_provinces[row["provinceCode"]],
            )
            for code, row in _one_per(legacy_rows, "districtCode").items()
        },
        ["name", "short_name", "search_name", "province_id"],
    )
    communes = sync(
        _("Xã, phường từ 01/7/2025"),
        Commune.objects.filter(structure=Structure.CURRENT),
        {
            row["wardCode"]: _commune(row, Structure.CURRENT, provinces[row["provinceCode"]])
            for row in current_rows
        },
        [*UNIT_FIELDS, "province_id"],
    )
    legacy_communes = sync(
        _("Xã, phường trước 01/7/2025"),
        Commune.objects.filter(structure=Structure.LEGACY),
        {
            row["wardCode"]: _commune(
                row,
                Structure.LEGACY,
                legacy_provinces[row["provinceCode"]],
                districts[row["districtCode"]],
            )
            for row in legacy_commune_rows
        },
        [*UNIT_FIELDS, "province_id", "district_id"],
    )

    successors = _successors_by_legacy_key(
        {(row["provinceKey"], row["wardKey"]): communes[row["wardCode"]] for row in current_rows}
    )
    successions, unmapped = {}, []
    for row in legacy_commune_rows:
        legacy = legacy_communes[row["wardCode"]]
        targets = successors.get(_legacy_key(row))
        if not targets:
            unmapped.append(
                f"{row['wardCode']} {row['ward']}, {row['district']}, {row['province']}"
            )
        for current, is_main in targets or []:
            successions[legacy.pk, current.pk] = is_main
    created, updated, deleted = _sync_successions(successions)
    changes["created"] += created
    changes["updated"] += updated
    changes["deleted"] += deleted
    report(
        _("Liên kết sáp nhập: %(created)d mới, %(updated)d cập nhật, %(deleted)d xoá")
        % {"created": created, "updated": updated, "deleted": deleted}
    )

    return {
        "provinces": len(provinces),
        "communes": len(communes),
        "legacy_provinces": len(legacy_provinces),
        "districts": len(districts),
        "legacy_communes": len(legacy_communes),
        "successions": len(successions),
        **changes,
        "unmapped": unmapped,
        "districts_without_communes": [
            _island(row, successors) for row in legacy_rows if not row["wardCode"]
        ],
    }


def _one_per(rows, column):
    return {row[column]: row for row in rows}


def _province(row, structure, successor=None):
    return Province(
        structure=structure,
        code=row["provinceCode"],
        name=row["province"],
        short_name=row["provinceShort"],
        search_name=search_name(row["province"], row["provinceShort"]),
        slug=slugify(anyascii(row["provinceShort"])),
        latitude=row["provinceLat"],
        longitude=row["provinceLon"],
        successor=successor,
    )


def _commune(row, structure, province, district=None):
    return Commune(
        structure=structure,
        code=row["wardCode"],
        name=row["ward"],
        short_name=row["wardShort"],
        search_name=search_name(row["ward"], row["wardShort"]),
        province=province,
        district=district,
        latitude=row["wardLat"],
        longitude=row["wardLon"],
    )


def _legacy_key(row):
    return f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"


def _successors_by_legacy_key(commune_by_key):
    """The package's mapping as legacy key → [(current commune, is main)]."""
    successors = {}
    for province_key, wards in DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for ward_key, legacy_keys in wards.items():
            for legacy_key in legacy_keys:
                successors.setdefault(legacy_key, []).append(
                    (commune_by_key[province_key, ward_key], True)
                )
    for province_key, legacy_wards in DICT_PROVINCE_WARD_DIVIDED.items():
        for legacy_key, wards in legacy_wards.items():
            successors.setdefault(legacy_key, []).extend(
                (commune_by_key[province_key, ward["newWardKey"]], ward["isDefaultNewWard"])
                for ward in wards
            )
    return successors


def _island(row, successors):
    """An island district that had no communes, with the special zone (đặc khu) it became."""
    zones = ", ".join(str(zone) for zone, _is_main in successors.get(_legacy_key(row), []))
    return f"{row['district']}, {row['province']} → {zones}"


def _sync(queryset, units, fields):
    """Bulk create or update ``units`` (by code) against ``queryset``; give each its primary key."""
    existing = {unit.code: unit for unit in queryset}
    to_create, to_update, changed_fields = [], [], set()
    for code, unit in units.items():
        old = existing.get(code)
        if old is None:
            to_create.append(unit)
            continue
        unit.pk = old.pk
        changed = {field for field in fields if getattr(old, field) != getattr(unit, field)}
        if changed:
            to_update.append(unit)
            changed_fields |= changed
    queryset.model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        queryset.model.objects.bulk_update(to_update, changed_fields, batch_size=BATCH_SIZE)
    return len(to_create), len(to_update)


def _sync_successions(wanted):
    """Make the succession table equal ``wanted``: {(legacy id, current id): is main}."""
    existing = {(row.legacy_id, row.current_id): row for row in CommuneSuccession.objects.all()}
    to_create = [
        CommuneSuccession(legacy_id=legacy_id, current_id=current_id, is_main=is_main)
        for (legacy_id, current_id), is_main in wanted.items()
        if (legacy_id, current_id) not in existing
    ]
    to_update = []
    for pair, row in existing.items():
        if pair in wanted and row.is_main != wanted[pair]:
            row.is_main = wanted[pair]
            to_update.append(row)
    stale = [row.pk for pair, row in existing.items() if pair not in wanted]
    CommuneSuccession.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    CommuneSuccession.objects.bulk_update(to_update, ["is_main"], batch_size=BATCH_SIZE)
    CommuneSuccession.objects.filter(pk__in=stale).delete()
    return len(to_create), len(to_update), len(stale)
