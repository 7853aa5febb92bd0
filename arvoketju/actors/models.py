"""Organisations (actors), their aliases, identifiers, sites and contact persons."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.core.identifiers import VALIDATORS
from arvoketju.core.text import normalise_name
from arvoketju.places.models import Place
from arvoketju.provenance.models import Fact, Visibility


class OrganisationType(models.TextChoices):
    UNIVERSITY = "university", _("university")
    UAS = "uas", _("university of applied sciences")
    VOCATIONAL = "vocational", _("vocational institution")
    RESEARCH_INSTITUTE = "research_institute", _("research institute")
    COMPANY = "company", _("company")
    INDUSTRIAL_PARK = "industrial_park", _("industrial park")
    CITY = "city", _("city or municipality")
    DEVELOPMENT_COMPANY = "development_company", _("regional development company")
    AGENCY = "agency", _("funder or agency")
    ASSOCIATION = "association", _("association, cluster or network")


class Organisation(Fact):
    """An actor in the ecosystem: a university, school, company, city, agency, park or association."""

    concerns_organisation = "pk"

    name = models.CharField(_("official name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    home_place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("home place"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("parent organisation"),
    )
    is_sme = models.BooleanField(_("SME"), null=True, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Two-letter country code as CORDIS writes it (FI, SE, EL).")
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    last_confirmed = models.DateField(_("last confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None or ancestor.pk in seen:
                raise ValidationError({"parent": _("an organisation cannot be its own parent")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class AliasKind(models.TextChoices):
    ACRONYM = "acronym", _("acronym")
    SHORT = "short", _("short form")
    FI = "fi", _("Finnish name")
    SV = "sv", _("Swedish name")
    EN = "en", _("English name")
    FORMER = "former", _("former name")
    OTHER = "other", _("other")


class Alias(Fact):
    """Another name an organisation is known by (acronym, translation, old name)."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation",)  # hidden from whoever may not see what it is about

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=AliasKind.choices, default=AliasKind.OTHER)
    normalised = models.CharField(_("normalised name"), max_length=300, db_index=True, editable=False)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "normalised"], name="alias_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.normalised = normalise_name(self.name)


class IdentifierScheme(models.TextChoices):
    BUSINESS_ID = "business_id", _("Finnish business ID (Y-tunnus)")
    PIC = "pic", _("EU PIC")
    ROR = "ror", _("ROR id")
    VAT = "vat", _("EU VAT number")


class Identifier(Fact):
    """An official identifier of an organisation, validated on entry (checksum and format)."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation",)  # hidden from whoever may not see what it is about

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identifiers", verbose_name=_("organisation")
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=IdentifierScheme.choices)
    value = models.CharField(_("value"), max_length=100)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        constraints = [models.UniqueConstraint(fields=["scheme", "value"], name="identifier_unique")]

    def __str__(self):
        return f"{self.get_scheme_display()}: {self.value}"

    def clean(self):
        super().clean()
        validator = VALIDATORS.get(self.scheme)
        if validator is None:
            raise ValidationError({"scheme": _("unknown identifier scheme")})
        try:
            self.value = validator(self.value)
        except ValidationError as exc:
            raise ValidationError({"value": exc.messages}) from None


class Site(Fact):
    """A place other than its home where an organisation works (a campus, a unit, a plant)."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation",)  # hidden from whoever may not see what it is about

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sites", verbose_name=_("organisation")
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="sites", verbose_name=_("place"))
    name = models.CharField(_("name"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.name or f"{self.organisation} @ {self.place}"


class ContactPerson(Fact):
    """A named person at an organisation. Personal data: optional, restricted by default."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation",)  # hidden from whoever may not see what it is about

    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name
