"""Keep the index current: any save or delete of an indexed row (from any write path) refreshes
its entries. Raw saves (``arvoketju load``) are skipped; ``load`` rebuilds the index at the end.

Bulk inserts through ``facts_bulk_create`` are followed the same way (its ``facts_bulk_created``
signal). Bulk writers (imports, dataset loads) wrap their work in ``deferred_indexing()``: the objects to
refresh are collected and refreshed once each, in bulk, at the end of the block (still inside the
writer's transaction)."""

import contextlib
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .documents import DEPENDANTS, KINDS, kind_of

_state = threading.local()


def _target(sender, instance) -> tuple[str, int] | None:
    label = kind_of(sender)
    if label in KINDS:
        return label, instance.pk
    if label in DEPENDANTS:
        target, attribute = DEPENDANTS[label]
        target_id = getattr(instance, attribute, None)
        if target_id is not None:
            return target, target_id
    return None


def _bulk_created(sender, instances, **kwargs):
    targets = {target for instance in instances if (target := _target(sender, instance)) is not None}
    if not targets:
        return
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending |= targets
        return
    from .services import search_refresh_many

    search_refresh_many(targets)


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    target = _target(sender, instance)
    if target is None:
        return
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.add(target)
        return
    from .services import search_refresh

    search_refresh(*target)


@contextlib.contextmanager
def deferred_indexing():
    """Collect index refreshes inside the block and do them once per object when it ends."""
    if getattr(_state, "pending", None) is not None:  # nested: the outer block refreshes
        yield
        return
    _state.pending = set()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    connection = transaction.get_connection()
    if connection.in_atomic_block and connection.needs_rollback:
        return  # the writes are being rolled back (a dry run): nothing to index
    from .services import search_refresh_many

    search_refresh_many(pending)


def connect():
    from django.apps import apps

    from arvoketju.provenance.services import facts_bulk_created

    facts_bulk_created.connect(_bulk_created, dispatch_uid="search-bulk-created")
    for label in [*KINDS, *DEPENDANTS]:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search-delete-{label}")
