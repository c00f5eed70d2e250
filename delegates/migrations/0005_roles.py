from django.db import migrations


def create_roles(apps, schema_editor):
    # The role declarations live in delegates.roles so that this migration, the
    # post-migrate hook and `manage.py setup_roles` stay one definition.
    from delegates.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("consultation", "0001_initial"),
        ("agenda", "0003_side_events"),
        ("delegates", "0004_audit_trail_and_personal_data_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
