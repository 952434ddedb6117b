"""The tests' database backend: Django's PostgreSQL backend, emptied faster after a committed test.

pytest-django empties the database after every transactional test (`transaction=True`, the
real worker and the migration tests) with Django's `flush`, which TRUNCATEs all of the
portal's tables in one statement. PostgreSQL then gives each table and index a new file
(about 1,000 of them): 4–7 s of the database's time on a busy machine, for a test that wrote
a few rows. DELETE removes those rows in a fraction of a second and leaves the same empty
tables (sequences are not reset by either). Every foreign key between these tables is
DEFERRABLE INITIALLY DEFERRED, so the order does not matter: they are checked at the commit
of the flush's transaction. Only the plain flush is changed; one that resets sequences or
cascades is Django's own.
"""

from django.db.backends.postgresql import base
from django.db.backends.postgresql.operations import DatabaseOperations


class FastFlushOperations(DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences,
                                     allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED", *(
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables)]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = FastFlushOperations
