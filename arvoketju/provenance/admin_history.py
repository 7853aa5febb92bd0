"""Admin pieces shared by every fact admin: the history page as a diff of change records, the revert
page of one change, and the "Export selected as CSV / XLSX / JSON" actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arvoketju.accounts.selectors import is_editor

from . import exports
from .models import ChangeAction, ChangeRecord
from .revert import RevertConflict, change_rows, history_entries, revert_change, revert_permission
from .selectors import history_for
from .services import Actor, editor_source
from .views import table_response

ACTION_LABELS = {
    "csv": gettext_lazy("Export selected as CSV"),
    "xlsx": gettext_lazy("Export selected as XLSX"),
    "json": gettext_lazy("Export selected as JSON"),
}


def _export_action(fmt):
    def action(modeladmin, request, queryset):
        reader = exports.Reader.for_user(request.user)
        return table_response(queryset.model, reader, fmt, queryset=queryset)

    action.__name__ = f"export_selected_{fmt}"
    action.short_description = ACTION_LABELS[fmt]
    return action


EXPORT_ACTIONS = [_export_action(fmt) for fmt in exports.FORMATS]


class HistoryAdminMixin:
    """Replaces the admin's "History" page with the object's change records shown as a diff, each
    with a link to revert it."""

    def get_actions(self, request):
        """The model admin's own actions plus the export actions (also when a subclass sets ``actions``)."""
        actions = super().get_actions(request)
        if self.actions is not None and self.has_view_permission(request):
            for func in EXPORT_ACTIONS:
                actions.setdefault(func.__name__, (func, func.__name__, func.short_description))
        return actions

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change history: %(object)s") % {"object": obj},
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "entries": history_entries(history_for(obj).select_related("source", "user")),
            "can_revert": is_editor(request.user),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/provenance/change_history.html", context)


def object_admin_url(record: ChangeRecord, name: str):
    model = record.content_type.model_class()
    if model is None:
        return None
    try:
        args = [record.object_id] if name in ("history", "change") else []
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)
    except NoReverseMatch:
        return None


def revert_view(model_admin, request, object_id):
    """GET: the change and a confirmation form; POST (editors, CSRF-checked): revert it."""
    record = get_object_or_404(ChangeRecord.objects.select_related("content_type", "source", "user"), pk=object_id)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    model = record.content_type.model_class()
    allowed = is_editor(request.user) and model is not None and request.user.has_perm(revert_permission(record))
    error = None
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        actor = Actor.for_user(request.user)
        actor.source = editor_source(user=request.user, actor=actor)
        try:
            revert_change(record=record, actor=actor)
        except RevertConflict as exc:
            error = str(exc)
        else:
            messages.success(request, _("Reverted: %(change)s") % {"change": record})
            target = object_admin_url(record, "history")
            if record.action == ChangeAction.CREATE or target is None:
                target = object_admin_url(record, "changelist") or reverse("admin:index")
            return redirect(target)
    opts = ChangeRecord._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Revert this change?"),
        "subtitle": None,
        "opts": opts,
        "app_label": opts.app_label,
        "record": record,
        "rows": change_rows(record),
        "allowed": allowed,
        "error": error,
        "history_url": object_admin_url(record, "history"),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/provenance/revert_change.html", context, status=409 if error else 200)
