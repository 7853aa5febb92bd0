"""Keeping the registry current with the people it describes: update links, surveys, change
requests and reminders.

An editor sends an organisation a link (``UpdateLink``). The person who opens it needs no account:
the link's random token is the credential, and only its SHA-256 digest is stored. What they submit
becomes a ``ChangeRequest``; nothing is written to the registry until an editor approves it, and
then only through ``provenance.services`` with the representative as the source.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation


def token_digest(token: str) -> str:
    """The stored form of a link token."""
    return hashlib.sha256(token.encode()).hexdigest()


class Survey(models.Model):
    """A questionnaire defined as data (a YAML file): questions with a type and the model field
    each answer maps to. Loaded by ``arvoketju survey load``; the UAS battery survey is built in."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    definition = models.JSONField(_("definition"), default=dict)
    file = models.CharField(_("loaded from"), max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["key"]

    def __str__(self):
        return self.title

    @property
    def questions(self) -> list[dict]:
        return [q for section in self.definition.get("sections", []) for q in section.get("questions", [])]


class LinkKind(models.TextChoices):
    UPDATE = "update", _("update link")
    SURVEY = "survey", _("survey link")


class UpdateLinkQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class UpdateLink(models.Model):
    """A signed, expiring link for one organisation that works without an account.

    The token (shown once, in the e-mail or to the editor) is random; only its digest is stored,
    so a database copy does not leak working links. A link can be revoked; each use is recorded.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="update_links", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LinkKind.choices, default=LinkKind.UPDATE)
    survey = models.ForeignKey(
        Survey, null=True, blank=True, on_delete=models.PROTECT, related_name="links", verbose_name=_("survey")
    )
    digest = models.CharField(_("token digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("token prefix"), max_length=8, editable=False)
    sent_to = models.EmailField(_("sent to"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_by_label = models.CharField(_("created by (label)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    use_count = models.PositiveIntegerField(_("times opened"), default=0)

    objects = UpdateLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("update link")
        verbose_name_plural = _("update links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.organisation} ({self.prefix}…)"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ChangeKind(models.TextChoices):
    UPDATE = "update", _("update form")
    SURVEY = "survey", _("survey response")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    APPLIED = "applied", _("approved and applied")
    REJECTED = "rejected", _("rejected")


class ChangeRequest(models.Model):
    """What a representative proposed through a link, waiting for an editor.

    ``proposed`` holds ``{"organisation": {field: value}, "identifiers": {scheme: value},
    "rows": [{"target": …, "values": {…}, "label": …}], "answers": {…}}``; ``base_versions`` the
    versions of the records the person saw (``{"organisation": N}``), so that approving after the
    record changed raises a conflict instead of overwriting.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="change_requests", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ChangeKind.choices, default=ChangeKind.UPDATE)
    link = models.ForeignKey(
        UpdateLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_requests",
        verbose_name=_("link"),
    )
    survey = models.ForeignKey(
        Survey, null=True, blank=True, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    proposed = models.JSONField(_("proposed changes"), default=dict)
    base_versions = models.JSONField(_("versions seen"), default=dict)
    confirmed_unchanged = models.BooleanField(_("confirmed as unchanged"), default=False)
    submitted_name = models.CharField(_("submitted by"), max_length=200)
    submitted_email = models.EmailField(_("e-mail of the submitter"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    result = models.JSONField(_("what was written"), default=dict, blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-submitted_at", "-id"]

    def __str__(self):
        return _("Change request %(id)s: %(organisation)s") % {"id": self.pk, "organisation": self.organisation}


class ReminderLog(models.Model):
    """One reminder e-mail sent by ``arvoketju remind`` (or from the admin): to whom, when, which link."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("organisation")
    )
    link = models.ForeignKey(
        UpdateLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders", verbose_name=_("link")
    )
    sent_to = models.EmailField(_("sent to"))
    subject = models.CharField(_("subject"), max_length=300)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.CharField(_("sent by"), max_length=200)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.organisation} → {self.sent_to}"
