"""A foreign key over two columns, which Django's fields cannot declare.

A question's condition must name a question of the same meeting: the pair
(shown_if_question, meeting) must be the (id, meeting) of a question; a
registration's form must be one of its meeting's (``to_model``). PostgreSQL
holds that as a composite foreign key; SQLite (the demo) gets no SQL, and the
admin form's clean() gives the friendly message on every database.
"""

from django.apps import apps
from django.db.models import BaseConstraint


class PostgresCompositeForeignKey(BaseConstraint):
    def __init__(
        self, *, fields, to_fields, name, to_model=None, violation_error_message=None
    ):
        super().__init__(name=name, violation_error_message=violation_error_message)
        self.fields = tuple(fields)
        self.to_fields = tuple(to_fields)
        # "app_label.Model"; None: the constraint's own table.
        self.to_model = to_model

    @staticmethod
    def _applies(schema_editor):
        return schema_editor.connection.vendor == "postgresql"

    def _columns(self, model, names):
        return ", ".join(model._meta.get_field(name).column for name in names)

    def constraint_sql(self, model, schema_editor):
        # Inside CREATE TABLE the referenced unique constraint may not exist yet:
        # like Django's own foreign keys, it is added once the table is made.
        if self._applies(schema_editor):
            schema_editor.deferred_sql.append(self.create_sql(model, schema_editor))
        return None

    def create_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        quote = schema_editor.quote_name
        table = quote(model._meta.db_table)
        target = apps.get_model(self.to_model) if self.to_model else model
        return (
            f"ALTER TABLE {table} ADD CONSTRAINT {quote(self.name)} "
            f"FOREIGN KEY ({self._columns(model, self.fields)}) "
            f"REFERENCES {quote(target._meta.db_table)} "
            f"({self._columns(target, self.to_fields)}) "
            "DEFERRABLE INITIALLY DEFERRED"
        )

    def remove_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        quote = schema_editor.quote_name
        return (
            f"ALTER TABLE {quote(model._meta.db_table)} "
            f"DROP CONSTRAINT {quote(self.name)}"
        )

    def validate(self, model, instance, exclude=None, using=None):
        return None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.update(fields=self.fields, to_fields=self.to_fields)
        if self.to_model:
            kwargs["to_model"] = self.to_model
        return path, args, kwargs

    def __eq__(self, other):
        if isinstance(other, PostgresCompositeForeignKey):
            return (
                self.name == other.name
                and self.fields == other.fields
                and self.to_fields == other.to_fields
                and self.to_model == other.to_model
            )
        return super().__eq__(other)
