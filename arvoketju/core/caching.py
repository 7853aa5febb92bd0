"""Caching of whole-registry aggregates (overview figures, the matrix) until the data changes.

Every write path records a ``ChangeRecord`` (``provenance.services``), so the newest record's id
is a version of the data: a cached result is used only while that id is unchanged. Results differ
by what the reader may see, so the key also holds the reader's visibility levels and the
organisations they represent, and the active language.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 60 * 60


def data_version() -> int:
    """The id of the newest change record (0 for an empty history)."""
    from arvoketju.provenance.models import ChangeRecord

    return ChangeRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0


def reader_signature(user) -> str:
    """What decides which facts ``user`` sees: visibility levels and represented organisations."""
    from arvoketju.accounts.selectors import represented_organisation_ids
    from arvoketju.provenance.selectors import visible_levels

    levels = ",".join(sorted(visible_levels(user)))
    represented = ",".join(map(str, sorted(represented_organisation_ids(user))))
    return f"{levels}|{represented}"


def cached_for_reader(name: str, user, compute, *parts):
    """``compute()`` once per data version, reader signature, language and ``parts``."""
    raw = "|".join([name, str(data_version()), reader_signature(user), get_language() or "", *map(str, parts)])
    key = "arvoketju:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found
