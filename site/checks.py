"""``manage.py check --deploy``: an error while any demo account still has its demo password.

The demo loader (``load_demo``) creates accounts whose passwords are printed and in the
README; production settings refuse to run it, but a database copied from a demo, or a demo
loaded under dev settings against the server's database, would carry them. Each demo account
that exists is tried with its demo password (a handful of password hashes).
"""

from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connection


def demo_credentials():
    """(username, password) of every account the demo loader creates: the entries of each
    app's demo data that have both."""
    from website.demo import read_data
    from website.management.commands.load_demo import DEMOS

    for demo in DEMOS:
        for entries in read_data(demo.folder).values():
            if isinstance(entries, list):
                yield from (
                    (entry["username"], entry["password"])
                    for entry in entries
                    if isinstance(entry, dict) and {"username", "password"} <= entry.keys()
                )


@register(Tags.security, deploy=True)
def check_demo_passwords(app_configs, **kwargs):
    User = get_user_model()
    credentials = dict(demo_credentials())
    try:
        if User._meta.db_table not in connection.introspection.table_names():
            return []  # not migrated yet: no account can exist
        users = list(User.objects.filter(username__in=credentials, is_active=True))
    except DatabaseError as error:
        return [
            Warning(
                f"Không kiểm tra được tài khoản mẫu: cơ sở dữ liệu không trả lời ({error}).",
                id="website.W001",
            )
        ]
    still_demo = sorted(
        user.username for user in users if user.check_password(credentials[user.username])
    )
    if not still_demo:
        return []
    return [
        Error(
            "Tài khoản mẫu vẫn dùng mật khẩu mẫu (công khai trong README): "
            + ", ".join(still_demo)
            + ".",
            hint="Xóa các tài khoản này, hoặc đặt mật khẩu mới: manage.py changepassword <tên>.",
            id="website.E001",
        )
    ]
