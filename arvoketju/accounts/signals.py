"""The "editors" group: after every migrate it holds every permission on arvoketju's models."""

from django.contrib.auth.models import Group, Permission

from .selectors import EDITORS_GROUP


def ensure_editors_group(sender=None, **kwargs):
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=_arvoketju_app_labels())
    group.permissions.add(*permissions)


def _arvoketju_app_labels():
    from django.apps import apps

    return [config.label for config in apps.get_app_configs() if config.name.startswith("arvoketju.")]
