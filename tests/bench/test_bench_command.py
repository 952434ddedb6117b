import pytest
from django.core.management.base import CommandError

from bench.management.commands.bench import selected

ROWS = [("home", "/"), ("guide", "/g/"), ("search 'frivillig'", "/s/?q=frivillig"),
        ("guide (uncached)", "/g/")]


def test_pages_are_measured_in_the_bench_order_whatever_the_order_given():
    assert selected(ROWS, ["guide (uncached)", "search 'frivillig'", "guide"]) == ROWS[1:]


def test_an_unknown_page_is_refused_with_the_labels_there_are():
    with pytest.raises(CommandError) as error:
        selected(ROWS, ["guide", "serach"])
    assert str(error.value) == (
        "No such page: serach. The pages: home, guide, search 'frivillig', guide (uncached)")
