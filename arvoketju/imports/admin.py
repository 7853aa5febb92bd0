"""The import pages in the admin: upload a file, see what it would do, decide uncertain matches, apply.

They hang on the admin of ``ImportedFile`` (the list of imported files), so the admin's own sign-in
and permissions apply: editors may import, everyone else is sent to the login page.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from arvoketju.accounts.selectors import is_editor
from arvoketju.provenance.services import Actor

from . import jobs
from .context import NEW
from .kinds import KINDS
from .models import ImportedFile
from .readers import FORMATS
from .services import import_file

PREVIEW_ROWS = 500


@admin.register(ImportedFile)
class ImportedFileAdmin(admin.ModelAdmin):
    list_display = ("title", "key", "description")
    search_fields = ("key", "title")

    # editors import (staff, superusers and the "editors" group), whatever the model permissions say
    def has_module_permission(self, request):
        return is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user)

    def has_add_permission(self, request):
        return is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("job/<str:job>/", view(self.job_view), name="imports_importedfile_job"),
            path("job/<str:job>/status/", view(self.status_view), name="imports_importedfile_status"),
            *super().get_urls(),
        ]

    def _render(self, request, template, context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a file"),
            "kinds": [(name, kind.label) for name, kind in KINDS.items()],
            "formats": FORMATS,
            "max_bytes": settings.ARVOKETJU_IMPORT_MAX_BYTES,
            "max_rows": settings.ARVOKETJU_IMPORT_MAX_ROWS,
            **context,
        }
        return TemplateResponse(request, f"admin/imports/{template}", context)

    def add_view(self, request, form_url="", extra_context=None):
        """Upload (GET shows the form), check (POST with a file: a dry run) or apply (POST with a token)."""
        if not self.has_add_permission(request):
            raise Http404
        if request.method == "POST" and request.POST.get("token"):
            return self._apply(request)
        if request.method == "POST":
            return self._check(request)
        return self._render(request, "upload.html", {})

    def _check(self, request):
        kind, upload = request.POST.get("kind", ""), request.FILES.get("file")
        errors = []
        if kind not in KINDS:
            errors.append(_("Choose what the file holds."))
        if upload is None:
            errors.append(_("Choose a file."))
        elif upload.size > settings.ARVOKETJU_IMPORT_MAX_BYTES:
            errors.append(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes. Split it into smaller files.")
                % {"size": upload.size, "limit": settings.ARVOKETJU_IMPORT_MAX_BYTES}
            )
        if errors:
            return self._render(request, "upload.html", {"errors": errors, "kind": kind})
        data = upload.read()
        result = import_file(
            kind=kind, data=data, filename=upload.name, actor=Actor.for_user(request.user), dry_run=True
        )
        token = ""
        if result.rows:
            token = jobs.upload_store(data=data, filename=upload.name, kind=kind, user=request.user, rows=result.rows)
        return self._preview(request, result, token, {})

    def _preview(self, request, result, token, decisions):
        return self._render(
            request,
            "preview.html",
            {
                "result": result,
                "token": token if not result.problems else "",
                "actions": result.actions[:PREVIEW_ROWS],
                "more_actions": max(len(result.actions) - PREVIEW_ROWS, 0),
                "problems": result.problems[:PREVIEW_ROWS],
                "more_problems": max(len(result.problems) - PREVIEW_ROWS, 0),
                "uncertain": result.uncertain,
                "decisions": decisions,
                "new": NEW,
            },
        )

    def _apply(self, request):
        token = request.POST["token"]
        stored = jobs.upload_read(token=token, user=request.user)
        if stored is None:
            messages.error(request, _("The uploaded file is no longer available; upload it again."))
            return HttpResponseRedirect(reverse("admin:imports_importedfile_add"))
        data, meta = stored
        decisions = {}
        for name, value in request.POST.items():
            if name.startswith("decision-") and name[9:].isdigit() and value:
                decisions[int(name[9:])] = value
        if meta.get("rows", 0) > settings.ARVOKETJU_IMPORT_BACKGROUND_ROWS:
            job = jobs.job_start(token=token, user=request.user, decisions=decisions)
            return HttpResponseRedirect(reverse("admin:imports_importedfile_job", args=[job]))
        result = import_file(
            kind=meta["kind"],
            data=data,
            filename=meta["filename"],
            actor=Actor.for_user(request.user),
            decisions=decisions,
        )
        if not result.applied:
            return self._preview(request, result, token, decisions)
        jobs.upload_discard(token)
        messages.success(request, f"{meta['filename']}: {result.summary()}")
        return HttpResponseRedirect(reverse("admin:imports_importedfile_changelist"))

    def job_view(self, request, job):
        status = jobs.job_status(job, user=request.user)
        if status is None:
            raise Http404
        percent = status["done"] * 100 // status["total"] if status.get("total") else 0
        return self._render(request, "job.html", {"job": job, "status": status, "percent": percent})

    def status_view(self, request, job):
        status = jobs.job_status(job, user=request.user)
        if status is None:
            raise Http404
        return JsonResponse({k: v for k, v in status.items() if k != "user"})
