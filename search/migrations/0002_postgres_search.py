from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from search.postgres import create_configuration, drop_configuration, row_indexes

occupation_indexes = row_indexes("search_occupationsearchrow")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
        migrations.RunPython(*occupation_indexes),
    ]
