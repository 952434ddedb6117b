"""The demo's snapshot (tests/postgresql/snapshot.py) puts back exactly the rows it took."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from tests.postgresql import snapshot

pytestmark = pytest.mark.django_db


def test_put_back_gives_the_rows_taken_and_never_lowers_a_sequence():
    kept = User.objects.create(username="taget")
    taken, pk = snapshot.take(), kept.pk
    kept.delete()
    later = User.objects.create(username="senere")  # the sequence goes past the snapshot's
    with transaction.atomic():
        snapshot.put_back(taken)
        assert list(User.objects.values_list("pk", "username")) == [(pk, "taget")]
        assert User.objects.create(username="ny").pk > later.pk
