#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Production unless told otherwise: on a server, `manage.py load_demo` must never create
    # the README's demo accounts. `make run`/`make test` choose dev/test settings themselves.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
