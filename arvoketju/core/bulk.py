"""Inserting many plain rows without building a model instance per row.

``bulk_create`` builds and prepares a model instance for every row; for derived rows written by the
hundred thousand (search terms, change records) that costs more than the insert itself. ``insert_rows``
takes plain tuples, adapts only the values a database needs adapted (JSON, date-times, decimals) and
hands the rows to the driver's ``executemany``. It returns nothing: callers that need primary keys
use ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connections, router

ADAPTED = frozenset({"JSONField", "DateTimeField", "DateField", "DecimalField", "TimeField", "UUIDField"})


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence], *, batch_size: int = 5000) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``, foreign keys as ids) into ``model``'s
    table; returns the number of rows inserted. Database constraints apply as for any insert."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in fields]
    adapted = [(i, field) for i, field in enumerate(model_fields) if field.get_internal_type() in ADAPTED]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in model_fields),
        ", ".join(["%s"] * len(model_fields)),
    )
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, batch_size)):
            if adapted:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, field in adapted:
                        row[i] = field.get_db_prep_save(row[i], connection)
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
