from django.db import migrations

from careers.streaming.indicators import INDICATORS


def create_indicators(apps, schema_editor):
    StreamingIndicator = apps.get_model("careers", "StreamingIndicator")
    for order, (slug, short_name, name, applies_to) in enumerate(INDICATORS, start=1):
        StreamingIndicator.objects.get_or_create(
            slug=slug,
            defaults={
                "short_name": short_name,
                "name": name,
                "applies_to": applies_to,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("careers", "0003_streaming")]

    operations = [migrations.RunPython(create_indicators, migrations.RunPython.noop)]
