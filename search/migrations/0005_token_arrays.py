from django.db import migrations

from search.postgres import token_array

occupations = token_array("search_occupationsearchrow")
programmes = token_array("search_programmesearchrow")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_programme_indexes")]

    operations = [migrations.RunPython(*occupations), migrations.RunPython(*programmes)]
