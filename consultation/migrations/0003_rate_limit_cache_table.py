"""The database cache table rate limits count in when no Redis is configured.

Until now `manage.py createcachetable` made it, a step a deploy could miss.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "consultation_ratelimit"


def create_table(apps, schema_editor):
    # createcachetable leaves an existing table (made by hand before) alone.
    call_command(
        "createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("consultation", "0002_meeting_programme_changed_at")]

    operations = [migrations.RunPython(create_table, drop_table)]
