"""What the editor role (Biên tập viên) needs in the careers section.

Occupation pages fall under the page permissions the role already has; these are the model
permissions for the taxonomies, the labour-market figures (and so the import) and the hiring
needs. ``website.roles`` grants them to the editors' group.

Streaming (chỉ tiêu phân luồng) has its own: ``careers.streaming.permissions``.
"""

EDITOR_MODEL_PERMISSIONS = [
    ("careers", codename)
    for model in ("hiringneed", "labourfigure", "indicator", "trainingfield")
    for codename in (f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}")
] + [
    ("careers", codename)
    for model in ("iscogroup", "riasectype", "economicsector")
    for codename in (f"change_{model}", f"view_{model}")
]
