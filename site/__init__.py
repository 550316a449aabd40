"""Project configuration and the site-wide pages (home, standard pages, news, events).

The folder is called ``site/`` but is installed under the import name ``website``
(see ``pyproject.toml``): the standard library already owns ``site``.
"""
