"""Filters given in the address (django-filter): a value that is not understood is left out and
the reader is told which filter it was, never a 500 and never an empty list for a typo."""


def not_understood(filterset) -> list[str]:
    """The labels of the filters whose values were not understood (and so not applied)."""
    if not filterset.is_bound:
        return []
    return [str(filterset.form.fields[name].label) for name in filterset.form.errors
            if name in filterset.form.fields]
