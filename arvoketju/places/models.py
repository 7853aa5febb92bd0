"""Places: countries, regions (maakunta), municipalities, localities and named groupings."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from arvoketju.provenance.models import Fact


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("country")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")
    LOCALITY = "locality", _("locality")
    GROUPING = "grouping", _("grouping")


class GroupingKind(models.TextChoices):
    AREA = "area", _("area of several places")
    PARTNER_CITIES = "partner_cities", _("partner cities")
    OTHER = "other", _("other grouping")


class LocalisedNameMixin:
    """``name`` in the active language, falling back to Finnish, then English."""

    name_field_prefix = "name"

    def localised(self, prefix: str | None = None, language: str | None = None) -> str:
        prefix = prefix or self.name_field_prefix
        language = (language or get_language() or "fi")[:2]
        for lang in (language, "fi", "en", "sv"):
            value = getattr(self, f"{prefix}_{lang}", "")
            if value:
                return value
        return ""


class Place(LocalisedNameMixin, Fact):
    """A place: country (ISO 3166 code), region (2-digit code), municipality (3-digit code),
    locality (a town abroad or a site) or a named grouping of places such as "Kotka-Hamina"."""

    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    code = models.CharField(_("official code"), max_length=10, blank=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("part of")
    )
    grouping_kind = models.CharField(_("grouping kind"), max_length=20, choices=GroupingKind.choices, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    coordinates_source = models.CharField(_("coordinates from"), max_length=200, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    boundary_source = models.CharField(_("boundary from"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["kind", "name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="place_unique_code_per_kind"
            ),
        ]

    def __str__(self):
        return self.name_fi

    @property
    def region(self):
        """The region a municipality lies in (itself for a region)."""
        if self.kind == PlaceKind.REGION:
            return self
        if self.parent_id and self.parent.kind == PlaceKind.REGION:
            return self.parent
        return None


class PlaceMembership(Fact):
    """A place belonging to a named grouping (e.g. Hamina in "Kotka-Hamina"), possibly from a date."""

    group = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("grouping"))
    member = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="groupings", verbose_name=_("member place")
    )

    class Meta:
        verbose_name = _("place in a grouping")
        verbose_name_plural = _("places in groupings")
        constraints = [models.UniqueConstraint(fields=["group", "member"], name="place_membership_unique")]

    def __str__(self):
        return f"{self.member} ∈ {self.group}"
