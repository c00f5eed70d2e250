"""Database constraints that only PostgreSQL can hold.

The demo runs on SQLite, which has no exclusion constraints. There these constraints
produce no SQL at all, so SQLite can migrate and rebuild tables; the models' clean()
methods keep the same rules for every database and give the friendly messages.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db.models import Func


class TsTzRange(Func):
    """PostgreSQL's tstzrange(start, end), half-open: a session ending at 10:00
    does not overlap one starting at 10:00."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint on PostgreSQL; nothing at all on other databases.

    Model validation is left to the model's clean(), which names the clashing row
    in its message (the constraint's own check could only say that one exists).
    """

    @staticmethod
    def _applies(schema_editor):
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=None):
        return None
