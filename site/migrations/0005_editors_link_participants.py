"""Link the free-text participants of events to the directory's schools where the name is a
school's title (diacritics, case and punctuation aside); the name is then cleared, since the
school's page gives it. The latest revision of each event is updated too, so that the next edit
starts from the linked participants. Self-contained: no application code is imported."""

import re
import unicodedata

from django.db import migrations


def fold(text):
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def link(apps, schema_editor):
    EventParticipant = apps.get_model("website", "EventParticipant")
    EventPage = apps.get_model("website", "EventPage")
    InstitutionPage = apps.get_model("institutions", "InstitutionPage")
    schools = {}
    for pk, title in InstitutionPage.objects.values_list("pk", "title"):
        schools.setdefault(fold(title), pk)
    linked = {}
    for participant in EventParticipant.objects.filter(institution__isnull=True).exclude(name=""):
        school = schools.get(fold(participant.name))
        if school is not None:
            participant.institution_id = school
            participant.name = ""
            participant.save(update_fields=["institution", "name"])
            linked.setdefault(participant.page_id, {})[participant.pk] = school
    for event in EventPage.objects.filter(pk__in=linked).select_related("latest_revision"):
        revision = event.latest_revision
        if revision is None:
            continue
        changed = False
        for row in revision.content.get("participants", []):
            school = linked[event.pk].get(row.get("pk")) or schools.get(fold(row.get("name", "")))
            if school is not None and not row.get("institution"):
                row["institution"], row["name"] = school, ""
                changed = True
        if changed:
            revision.save(update_fields=["content"])


def unlink(apps, schema_editor):
    EventParticipant = apps.get_model("website", "EventParticipant")
    for participant in EventParticipant.objects.filter(institution__isnull=False).select_related(
        "institution"
    ):
        participant.name = participant.institution.title
        participant.institution = None
        participant.save(update_fields=["institution", "name"])


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_editors_event_participant_institution"),
        ("institutions", "0002_admin_number_input"),
    ]

    operations = [migrations.RunPython(link, unlink)]
