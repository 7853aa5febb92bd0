"""Capabilities — the heart of the network model — declared specialisations and infrastructure."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation
from arvoketju.collaboration.models import Project
from arvoketju.places.models import Place
from arvoketju.provenance.models import Fact
from arvoketju.taxonomy.models import Competence, Stage


class CapabilityKind(models.TextChoices):
    RESEARCH = "research", _("research")
    EDUCATION = "education", _("education")
    PRODUCTION = "production", _("production")
    SERVICE = "service", _("service")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")


class CapabilityStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    POTENTIAL = "potential", _("potential")


class CapabilityBasis(models.TextChoices):
    STATED = "stated", _("stated by a source")
    DERIVED = "derived", _("derived from other facts")


class TopicMixin(models.Model):
    """A fact about a value-chain stage/theme or a competence (at least one of the two)."""

    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage or theme")
    )
    competence = models.ForeignKey(
        Competence, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("competence")
    )

    class Meta:
        abstract = True

    def clean_topic(self):
        if not self.stage_id and not self.competence_id:
            raise ValidationError(_("name a stage, a theme or a competence"))

    @property
    def topic(self):
        return self.stage or self.competence


class Capability(TopicMixin, Fact):
    """What an organisation (or a place) does in a stage or competence: its kind, whether it is
    active or potential, optionally how strong, and whether a source stated it or it was derived."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation",)  # hidden from whoever may not see what it is about

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="capabilities",
        verbose_name=_("organisation"),
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="capabilities", verbose_name=_("place")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CapabilityKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=CapabilityStatus.choices, default=CapabilityStatus.ACTIVE
    )
    strength = models.PositiveSmallIntegerField(
        _("strength (1–3)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    basis = models.CharField(_("basis"), max_length=10, choices=CapabilityBasis.choices, default=CapabilityBasis.STATED)
    derived_from_project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="derived_capabilities",
        verbose_name=_("derived from project"),
    )
    rule = models.CharField(_("derivation rule"), max_length=300, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")

    def __str__(self):
        return (
            f"{self.organisation or self.place}: {self.topic} ({self.get_kind_display()}, {self.get_status_display()})"
        )

    def clean(self):
        super().clean()
        self.clean_topic()
        if not self.organisation_id and not self.place_id:
            raise ValidationError(_("a capability belongs to an organisation or a place"))
        if self.basis == CapabilityBasis.DERIVED and not (self.derived_from_project_id or self.rule):
            raise ValidationError({"rule": _("a derived capability says what it was derived from")})


class SpecialisationDeclaration(TopicMixin, Fact):
    """A place's declared specialisation (report section 3.1), distinct from evidenced capability."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("place"))
    statement = models.TextField(_("statement"), help_text=_("The declaration as the source words it."))

    class Meta:
        verbose_name = _("declared specialisation")
        verbose_name_plural = _("declared specialisations")

    def __str__(self):
        return f"{self.place}: {self.topic}"

    def clean(self):
        super().clean()
        self.clean_topic()


class InfrastructureKind(models.TextChoices):
    LABORATORY = "laboratory", _("laboratory")
    PILOT_PLANT = "pilot_plant", _("pilot plant")
    TEST_BED = "test_bed", _("test bed")
    OTHER = "other", _("other")


class Infrastructure(Fact):
    """A laboratory, pilot plant or test bed an organisation runs, and the stages it serves."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation",)  # hidden from whoever may not see what it is about

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="infrastructures", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=InfrastructureKind.choices, default=InfrastructureKind.OTHER
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="infrastructures", verbose_name=_("place")
    )
    description = models.TextField(_("description"), blank=True)
    stages = models.ManyToManyField(Stage, blank=True, related_name="infrastructures", verbose_name=_("stages"))
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="infrastructures", verbose_name=_("competences")
    )

    class Meta:
        verbose_name = _("infrastructure")
        verbose_name_plural = _("infrastructures")

    def __str__(self):
        return self.name
