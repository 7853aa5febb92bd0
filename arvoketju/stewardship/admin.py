"""The editors' side: review change requests (diff, edit, approve, reject), send and revoke links,
see surveys, reminders and what has gone stale. Everything is under the admin, so only editors reach it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arvoketju.actors.models import Organisation
from arvoketju.places.models import Place
from arvoketju.places.selectors import place_resolve
from arvoketju.provenance.services import ConflictError

from .models import ChangeRequest, ChangeStatus, LinkKind, ReminderLog, Survey, UpdateLink
from .selectors import organisation_contact_email, organisations_stale, stale_after_days, stale_cutoff
from .services import (
    ReviewError,
    change_request_apply,
    change_request_rebase,
    change_request_reject,
    change_request_update,
    link_create,
    link_revoke,
    link_send,
    link_url,
    organisation_values,
    survey_builtin,
)
from .targets import describe_row


def _display(name: str, value) -> str:
    if value in (None, ""):
        return "–"
    if name == "home_place":
        place = Place.objects.filter(pk=value).first()
        return place.localised() if place else str(value)
    if name == "is_sme":
        return _("yes") if value else _("no")
    return str(value)


def _label(name: str) -> str:
    if name.startswith("identifier:"):
        return _("Business ID")
    return str(Organisation._meta.get_field(name).verbose_name)


def change_request_diff(change: ChangeRequest) -> list[dict]:
    """Field, what the representative saw, what the registry says now, and what is proposed."""
    now = organisation_values(Organisation.objects.get(pk=change.organisation_id))
    seen = change.proposed.get("seen") or {}
    proposed = {**(change.proposed.get("organisation") or {})}
    proposed.update({f"identifier:{k}": v for k, v in (change.proposed.get("identifiers") or {}).items()})
    lines = []
    for name, value in proposed.items():
        entry = {
            "name": name,
            "label": _label(name),
            "seen": _display(name, seen.get(name, now.get(name))),
            "now": _display(name, now.get(name)),
            "proposed": _display(name, value),
            "raw": "" if value is None else (value if name != "home_place" else _display(name, value)),
        }
        entry["moved"] = name in seen and seen[name] != now.get(name)
        lines.append(entry)
    return lines


class StatusFilter(admin.SimpleListFilter):
    """Status, showing the pending requests unless asked otherwise."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ChangeStatus.choices, ("all", _("all"))]

    def value(self):
        return super().value() or ChangeStatus.PENDING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else queryset.filter(status=self.value())


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    """Change requests from update links and surveys; the change page is the review page."""

    list_display = ("id", "organisation", "kind", "submitted_name", "submitted_at", "status", "reviewer")
    list_filter = (StatusFilter, "kind", "survey")
    search_fields = ("organisation__name", "submitted_name", "submitted_email")
    date_hierarchy = "submitted_at"
    list_select_related = ("organisation", "reviewer")

    def has_add_permission(self, request):
        return False  # change requests come from links only

    def get_urls(self):
        extra = [
            path("stale/", self.admin_site.admin_view(self.stale_view), name="stewardship_stale"),
        ]
        return extra + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, object_id)
        if change is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, change):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if request.method == "POST" and self.has_change_permission(request, change):
            response = self._review_action(request, change)
            if response is not None:
                return response
        rows = [
            {"index": i, "row": row, "text": describe_row(row), "note": row.get("note", "")}
            for i, row in enumerate(change.proposed.get("rows") or [])
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(change),
            "change": change,
            "original": change,
            "diff": change_request_diff(change),
            "rows": rows,
            "answers": change.proposed.get("answers") or {},
            "pending": change.status == ChangeStatus.PENDING,
            "can_change": self.has_change_permission(request, change),
            "organisation_url": reverse("admin:actors_organisation_change", args=[change.organisation_id]),
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/stewardship/changerequest_review.html", context)

    def _edits(self, request, change: ChangeRequest) -> dict:
        """The proposal as the editor left it in the form."""
        organisation = dict(change.proposed.get("organisation") or {})
        for name in list(organisation):
            raw = request.POST.get(f"org-{name}")
            if raw is None:
                continue
            raw = raw.strip()
            if name == "home_place":
                place = place_resolve(ref=raw, user=request.user) if raw else None
                if raw and place is None:
                    raise ValidationError(_("no such place in the registry: %(name)s") % {"name": raw})
                organisation[name] = place.pk if place else None
            elif name == "is_sme":
                organisation[name] = {"yes": True, "no": False}.get(raw)
            else:
                organisation[name] = raw
        identifiers = dict(change.proposed.get("identifiers") or {})
        for scheme in list(identifiers):
            raw = request.POST.get(f"org-identifier:{scheme}")
            if raw is not None:
                identifiers[scheme] = raw.strip()
        rows = []
        for i, row in enumerate(change.proposed.get("rows") or []):
            rows.append({**row, "skip": f"row-{i}" not in request.POST})
        return {"organisation": organisation, "identifiers": identifiers, "rows": rows}

    def _review_action(self, request, change: ChangeRequest):
        action = request.POST.get("action")
        here = request.path
        try:
            if action == "reject":
                change_request_reject(request=change, reviewer=request.user, comment=request.POST.get("comment", ""))
                self.message_user(request, _("Change request rejected."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:stewardship_changerequest_changelist"))
            if action == "rebase":
                change_request_rebase(request=change)
                self.message_user(request, _("The request now builds on the current record."), messages.INFO)
                return HttpResponseRedirect(here)
            if action in ("save", "approve"):
                change_request_update(request=change, reviewer=request.user, proposed=self._edits(request, change))
                if action == "save":
                    self.message_user(request, _("Your edits are saved; the request is still pending."))
                    return HttpResponseRedirect(here)
                change_request_apply(request=change, reviewer=request.user)
                self.message_user(request, _("Change request approved and applied."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:stewardship_changerequest_changelist"))
        except ConflictError as exc:
            self.message_user(
                request,
                _(
                    "Conflict: %(error)s. Nothing was written. Compare the registry's current values below; "
                    "if the proposal still holds, choose “Build on the current record” and approve again."
                )
                % {"error": exc},
                messages.ERROR,
            )
        except ValidationError as exc:
            self.message_user(request, _("Not applied: %(error)s") % {"error": "; ".join(exc.messages)}, messages.ERROR)
        except ReviewError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        change.refresh_from_db()
        return None

    def stale_view(self, request):
        """Organisations not confirmed within N days (``?days=``), with what reminding them needs."""
        try:
            days = max(0, int(request.GET.get("days") or stale_after_days()))
        except ValueError:
            days = stale_after_days()
        organisations = list(organisations_stale(days=days)[:500])
        last_reminders = {}
        for log in ReminderLog.objects.filter(organisation__in=organisations).order_by("sent_at"):
            last_reminders[log.organisation_id] = log.sent_at
        entries = [
            {
                "organisation": org,
                "url": reverse("admin:actors_organisation_change", args=[org.pk]),
                "email": organisation_contact_email(org),
                "reminded": last_reminders.get(org.pk),
            }
            for org in organisations
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Organisations not confirmed within %(days)s days") % {"days": days},
            "days": days,
            "cutoff": stale_cutoff(days),
            "entries": entries,
        }
        return TemplateResponse(request, "admin/stewardship/stale.html", context)


@admin.register(UpdateLink)
class UpdateLinkAdmin(admin.ModelAdmin):
    """Links are created from the organisation list (or the CLI); here they are seen and revoked."""

    list_display = ("organisation", "kind", "survey", "sent_to", "created_at", "expires_at", "state", "use_count")
    list_filter = ("kind", "survey")
    search_fields = ("organisation__name", "sent_to", "prefix")
    readonly_fields = [f.name for f in UpdateLink._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # the token is shown once, when the link is made ("Send update or survey link")

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj):
        if obj.revoked_at:
            return _("revoked")
        return _("live") if obj.is_live else _("expired")

    @admin.action(description=gettext_lazy("Revoke the selected links"))
    def revoke(self, request, queryset):
        for link in queryset:
            link_revoke(link=link)
        self.message_user(request, _("%(count)s links revoked.") % {"count": queryset.count()})


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Surveys are loaded from YAML files (``arvoketju survey load``); here they are only read."""

    list_display = ("key", "title", "file", "loaded_at")
    readonly_fields = ("key", "title", "description", "definition", "file", "loaded_at")

    def has_add_permission(self, request):
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """What was sent to whom and when: written by ``arvoketju remind`` and the send action only."""

    list_display = ("sent_at", "organisation", "sent_to", "subject", "sent_by")
    search_fields = ("organisation__name", "sent_to")
    readonly_fields = ("organisation", "link", "sent_to", "subject", "sent_at", "sent_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# ---------------------------------------------------------------- hooks for the organisation admin


class ConfirmedFilter(admin.SimpleListFilter):
    """Freshness of an organisation's record: confirmed within ARVOKETJU_STALE_AFTER_DAYS or not."""

    title = gettext_lazy("last confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("not confirmed in %(days)s days") % {"days": stale_after_days()}),
            ("never", _("never confirmed")),
            ("fresh", _("confirmed in %(days)s days") % {"days": stale_after_days()}),
        ]

    def queryset(self, request, queryset):
        cutoff = stale_cutoff()
        if self.value() == "stale":
            return queryset.filter(pk__in=organisations_stale().values("pk"))
        if self.value() == "never":
            return queryset.filter(last_confirmed__isnull=True)
        if self.value() == "fresh":
            return queryset.filter(last_confirmed__gte=cutoff)
        return queryset


class SendLinkForm(forms.Form):
    """What to send: an update link or a survey, to which address, valid for how long."""

    what = forms.ChoiceField(label=gettext_lazy("Send"))
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy("Empty: the organisation's contact e-mail; without one, the link is only shown here."),
    )
    days = forms.IntegerField(label=gettext_lazy("Valid for days"), min_value=1, max_value=365, initial=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        survey_builtin("uas-battery")
        self.fields["what"].choices = [("update", _("update link"))] + [
            (f"survey:{s.key}", _("survey: %(title)s") % {"title": s.title}) for s in Survey.objects.all()
        ]


@admin.action(description=gettext_lazy("Send update or survey link…"))
def send_links(modeladmin, request, queryset):
    """Organisation changelist action: create a link per organisation and e-mail it (or show it)."""
    if "apply" in request.POST:
        form = SendLinkForm(request.POST)
        if form.is_valid():
            what, survey = form.cleaned_data["what"], None
            if what.startswith("survey:"):
                survey = Survey.objects.get(key=what.split(":", 1)[1])
            sent, shown = 0, []
            for organisation in queryset:
                email = form.cleaned_data["email"] or organisation_contact_email(organisation)
                link, token = link_create(
                    organisation=organisation,
                    kind=LinkKind.SURVEY if survey else LinkKind.UPDATE,
                    survey=survey,
                    sent_to=email,
                    days=form.cleaned_data["days"],
                    created_by=request.user,
                )
                if email:
                    link_send(link=link, token=token, to=email, sent_by=request.user.get_username())
                    sent += 1
                else:
                    shown.append(format_html("{}: <code>{}</code>", organisation.name, link_url(link, token)))
            if sent:
                modeladmin.message_user(request, _("%(count)s links e-mailed.") % {"count": sent}, messages.SUCCESS)
            for line in shown:
                modeladmin.message_user(
                    request,
                    format_html("{} {}", _("No e-mail known; copy this link (shown only once):"), line),
                    messages.WARNING,
                )
            return None
    else:
        form = SendLinkForm(initial={"days": 30})
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": _("Send update or survey link"),
        "organisations": queryset,
        "form": form,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "now": timezone.now(),
    }
    return TemplateResponse(request, "admin/stewardship/send_links.html", context)


__all__ = ["ConfirmedFilter", "send_links"]
