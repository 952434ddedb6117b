"""Stored search vectors, the one way every app keeps them: columns the models do not declare.

A search vector declared on a model is read with every row of it, and with every
`select_related` that reaches it: the action plan (300 action points, each with its theme) was
30 ms slower to render with the vectors declared, and every list of guides had to defer four.
So the tables get their vectors from a migration operation, `AddSearchColumn` (the guides'
older ones from generated fields their migrations later took out of the model state, see
toolbox/migrations/0009), and only search reads them, through `search_column()`. PostgreSQL
keeps them up to date like any generated column.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.migrations.operations.base import Operation
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

from core.search import search_vector_field


class AddSearchColumn(Operation):
    """`ALTER TABLE … ADD COLUMN name tsvector GENERATED ALWAYS AS (…) STORED` for a model,
    built from the same `search_document()` the guides use; the model state is not changed."""

    reversible = True

    def __init__(self, model_name: str, name: str, language: str, fields, unstemmed=False):
        self.model_name, self.name, self.language = model_name, name, language
        self.fields, self.unstemmed = tuple(tuple(field) for field in fields), unstemmed

    def deconstruct(self):
        return (self.__class__.__name__, [self.model_name, self.name, self.language,
                                          self.fields], {"unstemmed": self.unstemmed})

    def state_forwards(self, app_label, state):
        pass

    def _field(self, model):
        field = search_vector_field(self.language, self.fields, unstemmed=self.unstemmed)
        field.set_attributes_from_name(self.name)
        field.model = model
        field._query = Query(model=model, alias_cols=False)
        return field

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_field(model, self._field(model))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_field(model, self._field(model))

    def describe(self):
        return f"Add search column {self.name} to {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.name}"


def search_column(model, language: str, kind: str = "search"):
    """The stored vector `<kind>_<language>` of `model`'s table (`search_da`, or the guides'
    smaller `rank_da`), for filters and ranks."""
    quote = connection.ops.quote_name
    return RawSQL(f"{quote(model._meta.db_table)}.{quote(f'{kind}_{language}')}", [],
                  output_field=SearchVectorField())
