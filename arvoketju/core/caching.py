"""Caching of whole-registry aggregates (overview figures, the matrix) until the data changes.

Every write path records a ``ChangeRecord`` (``provenance.services``), so the newest record's id
is a version of the data: a cached result is used only while that id is unchanged. Writes that
bypass the services (bulk loads, a restore) are caught in this process by a generation counter
that every save or delete of an arvoketju row increments. Results differ by what the reader may
see, so the key also holds the reader's visibility levels and represented organisations, and the
active language.
"""

from __future__ import annotations

import hashlib
import itertools

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

TIMEOUT = 60 * 60


_generation = itertools.count(1)
_current_generation = 0


def _bump(sender, **kwargs):
    global _current_generation
    if sender.__module__.startswith("arvoketju.") and not sender.__module__.startswith("arvoketju.search."):
        _current_generation = next(_generation)


def connect_invalidation():
    """Count saves and deletes of arvoketju rows in this process (called once at start-up)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump, dispatch_uid=f"arvoketju-cache-{signal!r}")


def data_version() -> str:
    """The newest change record's id and this process's write generation."""
    from arvoketju.provenance.models import ChangeRecord

    newest = ChangeRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return f"{newest}.{_current_generation}"


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
