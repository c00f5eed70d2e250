# A unique random badge token for every registration, existing rows included: the
# field is added nullable, filled row by row, then made unique and required.

from django.db import migrations, models

import delegates.tokens


def fill_badge_tokens(apps, schema_editor):
    Registration = apps.get_model("delegates", "Registration")
    for registration in Registration.objects.filter(badge_token__isnull=True):
        registration.badge_token = delegates.tokens.generate_badge_token()
        registration.save(update_fields=["badge_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("delegates", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="badge_token",
            field=models.CharField(
                editable=False, max_length=32, null=True, verbose_name="badge token"
            ),
        ),
        migrations.RunPython(fill_badge_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="badge_token",
            field=models.CharField(
                default=delegates.tokens.generate_badge_token,
                editable=False,
                help_text="Random; its signed form is the QR code printed on the badge.",
                max_length=32,
                unique=True,
                verbose_name="badge token",
            ),
        ),
    ]
