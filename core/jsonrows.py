"""Short related lists read in the parent's own query: each list an array of JSON objects
(PostgreSQL's ARRAY(SELECT jsonb_build_object(...))), turned back here into model instances as if
each row had been loaded by its own query (docs/performance.md, "Small lists in one query").

For the handful of rows a page shows around its main object (a policy's sections, values,
decisions, process steps, published responses) this saves one round trip per list, which is what
a page's cold query count is made of; a long list (hundreds of rows, or rows other queries
filter) is better served by its own query or a prefetch.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models.functions import JSONObject


def _fields(model, names=None):
    fields = model._meta.concrete_fields
    return [f for f in fields if f.attname in names] if names else list(fields)


def row_object(model, prefix: str = "", *, fields=None, **extra) -> JSONObject:
    """One row of `model` as a JSON object: its concrete columns (or only `fields`), read through
    `prefix` (e.g. "body__" for a foreign key's row), and `extra` expressions under their names."""
    columns = {f.attname: f"{prefix}{f.attname}" for f in _fields(model, fields)}
    return JSONObject(**columns, **extra)


def rows(queryset, *, fields=None, **extra) -> ArraySubquery:
    """`queryset`'s rows, in its order, as an array of JSON objects (see `row_object`). Filter it
    with OuterRef to the parent's row."""
    if hasattr(queryset, "rewrite"):
        # django-modeltranslation's queryset adds each language's column to values(): the
        # subquery must select the one JSON column alone (and names columns as they are).
        queryset = queryset.rewrite(False)
    return ArraySubquery(queryset.values(row=row_object(queryset.model, fields=fields, **extra)))


def instance(model, row: dict, *, fields=None):
    """A model instance from a JSON object made by `row_object`, each value converted as the
    field converts a form value (dates and times arrive as ISO text)."""
    chosen = _fields(model, fields)
    return model.from_db(None, [f.attname for f in chosen],
                         [f.to_python(row[f.attname]) for f in chosen])


def instances(model, row_list, *, fields=None, extra=(), related=None) -> list:
    """Instances of `model` from `rows`' array (None when the parent had no rows); `extra` names
    values set as attributes as they are; `related` maps a foreign key's name to its model, for
    keys whose row was nested with `row_object(..., prefix)` under that name."""
    result = []
    for row in row_list or []:
        obj = instance(model, row, fields=fields)
        for name in extra:
            setattr(obj, name, row[name])
        for name, related_model in (related or {}).items():
            nested = row.get(name)
            # A null foreign key still nests an object, of nulls only.
            if nested and nested.get(related_model._meta.pk.attname) is not None:
                setattr(obj, name, instance(related_model, nested))
            elif nested is not None:
                setattr(obj, name, None)
        result.append(obj)
    return result
