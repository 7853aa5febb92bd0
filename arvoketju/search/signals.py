"""Keep the index current: any save or delete of an indexed row (from any write path) refreshes
its entries. Raw saves (``arvoketju load``) are skipped; ``load`` rebuilds the index at the end."""

from django.db.models.signals import post_delete, post_save

from .documents import DEPENDANTS, KINDS, kind_of


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import search_refresh

    label = kind_of(sender)
    if label in KINDS:
        search_refresh(label, instance.pk)
    elif label in DEPENDANTS:
        target, attribute = DEPENDANTS[label]
        target_id = getattr(instance, attribute, None)
        if target_id is not None:
            search_refresh(target, target_id)


def connect():
    from django.apps import apps

    for label in [*KINDS, *DEPENDANTS]:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search-delete-{label}")
