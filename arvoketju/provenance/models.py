"""Sources, the ``Fact`` base model and the change history.

Every row that states something about the ecosystem is a *fact*: it names the ``Source`` it comes
from, the place in that source (``locator``: a report section, a file row, an editor), when it was
true (``valid_from`` / ``valid_to``) and who may see it (``visibility``).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a fact."""

    PUBLIC = "public", _("public")
    NETWORK = "network", _("network (signed-in members)")
    RESTRICTED = "restricted", _("restricted (editors and the organisation concerned)")


class SourceKind(models.TextChoices):
    REPORT = "report", _("report or document")
    REFERENCE = "reference", _("reference data")
    CURATION = "curation", _("curation by maintainers")
    DATASET = "dataset", _("dataset or file import")
    WEB = "web", _("web page")
    SURVEY = "survey", _("survey response")
    EDITOR = "editor", _("edit by a person")


class Source(models.Model):
    """Where facts come from: a document, a data file, a web page, a survey answer or a person."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    published = models.CharField(_("published"), max_length=30, blank=True, help_text=_("YYYY, YYYY-MM or date"))
    url = models.URLField(_("URL"), max_length=500, blank=True)
    citation = models.CharField(_("citation"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["key"]

    def __str__(self):
        return self.title


class Fact(models.Model):
    """Abstract base of every sourced fact: source, locator, validity period, visibility, version."""

    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable identifier used by datasets, imports and links."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source"))
    locator = models.CharField(
        _("locator"), max_length=255, help_text=_("Where in the source: section, page, row or editor.")
    )
    quote = models.TextField(_("quote"), blank=True, help_text=_("Verbatim excerpt from the source."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)
    note = models.TextField(_("note"), blank=True)
    field_sources = models.JSONField(
        _("sources of single fields"),
        default=dict,
        blank=True,
        help_text=_(
            'Where one field comes from another source, e.g. {"home_place": {"source": "curation", '
            '"locator": "public knowledge"}}.'
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("must not be before valid from")})
        if not (self.locator or "").strip():
            raise ValidationError({"locator": _("every fact needs a locator in its source")})


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")


class ChangeRecord(models.Model):
    """One change to one object, from any write path (web, admin, API, CLI, import).

    ``before`` and ``after`` hold the changed fields only; a create has an empty ``before`` and a
    delete an empty ``after``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("type"))
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    before = models.JSONField(_("before"), default=dict, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), default=dict, encoder=DjangoJSONEncoder)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("user")
    )
    actor = models.CharField(
        _("actor"), max_length=200, help_text=_("Who or what made the change: a user, a command, an import.")
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("source"))
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"
