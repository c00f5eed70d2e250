"""Check constraints that only PostgreSQL can hold.

`make run` uses SQLite, which has no JSON containment (`contained_by`). There
such a constraint produces no SQL at all; the form that writes the field keeps
the same rule for every database and gives the message.
"""

from django.core.exceptions import ValidationError
from django.db import connections, models


class PostgresCheckConstraint(models.CheckConstraint):
    """A check constraint on PostgreSQL; nothing at all on other databases."""

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
        if connections[using or "default"].vendor != "postgresql":
            return None
        return super().validate(model, instance, exclude=exclude, using=using)


class ChoicesConstraint(models.CheckConstraint):
    """A field holds one of its choices (``Q(field__in=values)``), in the database.

    Django validates each check constraint of a model with a query of its own in
    ``full_clean()``; for this one the field's own ``choices`` already refuse any
    other value in ``clean_fields()``, with the field's message. So it runs no
    query in Python: on the registration form that is four queries a POST.
    """

    def validate(self, model, instance, exclude=None, using=None):
        return None


class RowCheckConstraint(models.CheckConstraint):
    """A check constraint on a row's own fields, with its rule in Python too.

    Django validates a check constraint in ``full_clean()`` with a query to the
    database; ``holds(instance)`` answers the same question without one (two
    queries a registration POST). The database still holds the constraint, and
    a test puts the same rows to both. Migrations write it as the plain check
    constraint it is in the database.
    """

    def __init__(self, *args, holds, **kwargs):
        super().__init__(*args, **kwargs)
        self.holds = holds

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs

    def clone(self):
        # Django clones a model's constraints as it builds the class.
        _path, args, kwargs = super().deconstruct()
        return self.__class__(*args, holds=self.holds, **kwargs)

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and self.condition.referenced_base_fields & set(exclude):
            return None
        if not self.holds(instance):
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )
        return None
