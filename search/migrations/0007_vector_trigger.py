from django.db import migrations

from search.postgres import vector_trigger

trigger = vector_trigger("search_occupationsearchrow", "search_programmesearchrow")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_facet_index")]

    operations = [migrations.RunPython(*trigger)]
