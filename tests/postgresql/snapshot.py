"""Every row of the test database, taken and put back in binary COPY: the demo, once per run.

Loading the demo (`load_demo`) costs each xdist process about 5 s of its own CPU and as much
again in PostgreSQL (~2,900 queries, ~1,100 of them `full_clean` lookups). The first process to
load it in a run takes a snapshot inside its open transaction; the others put that snapshot in
place of their tables, inside theirs, in a fraction of a second (`tests/conftest.py`,
`_demo_loaded`).

Putting it back replaces every table's rows, so the process sees exactly the database the first
process had after its load. Row triggers are off while the rows go in (`session_replication_role
= replica`, LOCAL to the transaction): procrastinate's triggers would otherwise add a second
event for each copied job, and the copied events are already there. Generated columns (the
search vectors) are left out of the copy and computed again on the way in. Sequences go to the
higher of the two values, so neither the copied rows nor the process's own rows (back after the
rollback) can meet a new row's id.
"""

from django.db import connection

TABLES = """
    SELECT c.relname, array_agg(a.attname ORDER BY a.attnum)
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    GROUP BY c.relname ORDER BY c.relname
"""
SEQUENCES = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"


def _columns(names) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def take() -> dict:
    """Every row of every table in the public schema, as this connection sees them."""
    tables = {}
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(TABLES)
        for table, columns in cursor.fetchall():
            data = bytearray()
            with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({_columns(columns)}) "
                             "TO STDOUT (FORMAT binary)") as copy:
                for chunk in copy:
                    data += chunk
            tables[table] = (columns, bytes(data))
        cursor.execute(SEQUENCES)
        sequences = dict(cursor.fetchall())
    return {"tables": tables, "sequences": sequences}


def put_back(snapshot: dict) -> None:
    """Replace every table's rows with the snapshot's; must run inside a transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("put_back replaces every row: only inside a transaction")
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(TABLES)
        here = {table: columns for table, columns in cursor.fetchall()}
        if set(here) != set(snapshot["tables"]):
            raise RuntimeError("the snapshot is of other tables than this database has")
        for table in here:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        for table, (columns, data) in snapshot["tables"].items():
            with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({_columns(columns)}) "
                             "FROM STDIN (FORMAT binary)") as copy:
                copy.write(data)
        cursor.execute(SEQUENCES)
        for sequence, last_value in cursor.fetchall():
            values = [v for v in (last_value, snapshot["sequences"].get(sequence)) if v]
            if values:
                cursor.execute("SELECT setval(%s, %s)", [connection.ops.quote_name(sequence),
                                                        max(values)])
        cursor.execute("SET LOCAL session_replication_role = origin")
