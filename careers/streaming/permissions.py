"""What the editor role (Biên tập viên) needs for streaming: the list of streaming
indicators. ``website.roles`` grants them to the editors' group.

The figures themselves are not here: they belong to the data officers of each area
(``careers.streaming.access``); editors keep the statistics pages (page permissions).
"""

EDITOR_MODEL_PERMISSIONS = [
    ("streaming", codename)
    for codename in (
        "add_streamingindicator",
        "change_streamingindicator",
        "delete_streamingindicator",
        "view_streamingindicator",
    )
]
