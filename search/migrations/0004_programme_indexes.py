from django.db import migrations

from search.postgres import row_indexes

programme_indexes = row_indexes("search_programmesearchrow")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_programmes")]

    operations = [migrations.RunPython(*programme_indexes)]
