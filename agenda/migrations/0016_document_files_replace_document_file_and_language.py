from django.db import migrations


class Migration(migrations.Migration):
    """After 0012 copied each document's file, link and language to a DocumentFile."""

    dependencies = [
        ("agenda", "0015_programme_texts_per_language_and_document_files"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='document',
            name='document_is_a_file_or_a_link',
        ),
        migrations.RemoveField(
            model_name='document',
            name='file',
        ),
        migrations.RemoveField(
            model_name='document',
            name='language',
        ),
        migrations.RemoveField(
            model_name='document',
            name='url',
        ),
    ]
