import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from core.search_columns import AddSearchColumn
from tests.factories import ActionPointFactory

pytestmark = pytest.mark.django_db


def columns(table):
    with connection.cursor() as cursor:
        return {column.name for column in connection.introspection.get_table_description(
            cursor, table)}


def test_add_search_column_adds_a_vector_postgresql_keeps_and_removes_it_going_back():
    state = MigrationLoader(connection).project_state()
    operation = AddSearchColumn("actionpoint", "search_probe", "da", (("title", "A"),))
    with connection.schema_editor() as editor:
        operation.database_forwards("policy", editor, state, state)
    point = ActionPointFactory(title_da="Bænkebiderne tælles")
    point.title_da = "Regnormene tælles"
    point.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_probe::text FROM policy_actionpoint WHERE id = %s",
                       [point.pk])
        vector = cursor.fetchone()[0]
    assert "'regnorm':1A" in vector and "bænkebid" not in vector  # stemmed, weighted, current
    with connection.cursor() as cursor:  # the deferred foreign-key checks would block ALTER
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        operation.database_backwards("policy", editor, state, state)
    assert "search_probe" not in columns("policy_actionpoint")
    assert {"search_da", "search_en"} <= columns("policy_actionpoint")
    assert operation.describe() == "Add search column search_probe to actionpoint"
