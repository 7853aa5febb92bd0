"""Industrial areas, the pyramid model (as data), viewpoints, best practices and investment cards."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation
from arvoketju.collaboration.models import Event
from arvoketju.places.models import LocalisedNameMixin, Place
from arvoketju.provenance.models import Fact, Visibility
from arvoketju.taxonomy.models import Stage

NON_NEGATIVE = [MinValueValidator(0)]


class IndustrialArea(Fact):
    """An industrial area or park. Unknown attributes stay empty (unknown), never guessed."""

    concerns_organisation = "operator"

    name = models.CharField(_("name"), max_length=300)
    operator = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_areas",
        verbose_name=_("operator"),
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="industrial_areas", verbose_name=_("place")
    )
    total_area_ha = models.DecimalField(
        _("total area (ha)"), max_digits=10, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE
    )
    free_land_ha = models.DecimalField(
        _("free land (ha)"), max_digits=10, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE
    )
    grid_capacity_mw = models.DecimalField(
        _("grid connection capacity (MW)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    port = models.BooleanField(_("port access"), null=True, blank=True)
    rail = models.BooleanField(_("rail access"), null=True, blank=True)
    road = models.BooleanField(_("road access"), null=True, blank=True)
    energy = models.TextField(_("energy (incl. hydrogen)"), blank=True)
    water = models.TextField(_("water"), blank=True)
    permits = models.TextField(_("permits and zoning"), blank=True)
    services = models.TextField(_("services offered"), blank=True)
    safety = models.TextField(_("safety practices"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("industrial area")
        verbose_name_plural = _("industrial areas")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.free_land_ha is not None and self.total_area_ha is not None and self.free_land_ha > self.total_area_ha:
            raise ValidationError({"free_land_ha": _("free land cannot exceed the total area")})


class PyramidModel(Fact):
    """A pyramid model of a well-working industrial ecosystem, with the scale its assessments use."""

    name = models.CharField(_("name"), max_length=300)
    scale_min = models.PositiveSmallIntegerField(_("scale minimum"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("scale maximum"), default=5)
    scale_labels = models.JSONField(_("scale labels"), default=dict, blank=True)

    class Meta:
        verbose_name = _("pyramid model")
        verbose_name_plural = _("pyramid models")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.scale_max <= self.scale_min:
            raise ValidationError({"scale_max": _("must be above the minimum")})


class ElementKind(models.TextChoices):
    LEVEL = "level", _("level")
    ASPECT = "aspect", _("aspect")
    DRIVER = "driver", _("driver")
    MEGATREND = "megatrend", _("megatrend")


class PyramidElement(LocalisedNameMixin, Fact):
    """A level, aspect, driver or megatrend of a pyramid model; aspects belong to a level."""

    model = models.ForeignKey(PyramidModel, on_delete=models.CASCADE, related_name="elements", verbose_name=_("model"))
    kind = models.CharField(_("kind"), max_length=20, choices=ElementKind.choices)
    level = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="aspects", verbose_name=_("level")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("pyramid element")
        verbose_name_plural = _("pyramid elements")
        ordering = ["model", "kind", "order"]

    def __str__(self):
        return self.name_fi

    def clean(self):
        super().clean()
        if self.kind == ElementKind.ASPECT and self.level_id is None:
            raise ValidationError({"level": _("an aspect belongs to a level")})
        if self.level_id and self.level.kind != ElementKind.LEVEL:
            raise ValidationError({"level": _("must be a level of the pyramid")})


class Viewpoint(Fact):
    """A viewpoint raised in a workshop, placed on the pyramid (the report's figure 5)."""

    element = models.ForeignKey(
        PyramidElement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="viewpoints",
        verbose_name=_("pyramid element"),
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="viewpoints", verbose_name=_("event")
    )
    text = models.TextField(_("viewpoint"))

    class Meta:
        verbose_name = _("workshop viewpoint")
        verbose_name_plural = _("workshop viewpoints")

    def __str__(self):
        return self.text[:80]


class BestPractice(Fact):
    """A best practice for industrial areas, linked to the pyramid aspects it addresses."""

    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    elements = models.ManyToManyField(
        PyramidElement, blank=True, related_name="best_practices", verbose_name=_("pyramid elements")
    )
    area = models.ForeignKey(
        IndustrialArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="best_practices",
        verbose_name=_("industrial area"),
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="best_practices", verbose_name=_("event")
    )

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    def __str__(self):
        return self.title or self.description[:80]


class InvestmentStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PLANNING = "planning", _("planning")
    PERMITTING = "permitting", _("environmental impact assessment / permitting")
    DECISION = "decision", _("investment decision")
    CONSTRUCTION = "construction", _("construction")
    OPERATION = "operation", _("operation")
    CANCELLED = "cancelled", _("cancelled")


class InvestmentCard(Fact):
    """An investment project card: site, investor (may be confidential), stage, status and needs.
    Restricted by default."""

    concerns_organisation = "investor"

    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    name = models.CharField(_("name"), max_length=300)
    area = models.ForeignKey(
        IndustrialArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_cards",
        verbose_name=_("industrial area"),
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="investment_cards", verbose_name=_("place")
    )
    investor = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_cards",
        verbose_name=_("investor"),
    )
    investor_confidential = models.BooleanField(_("investor confidential"), default=False)
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("value-chain stage")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InvestmentStatus.choices, default=InvestmentStatus.IDEA
    )
    capex_meur = models.DecimalField(
        _("capital expenditure (M€)"), max_digits=10, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE
    )
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    need_electricity_mw = models.DecimalField(
        _("electricity need (MW)"), max_digits=10, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE
    )
    need_grid_connection = models.TextField(_("grid connection need"), blank=True)
    need_water = models.TextField(_("water need"), blank=True)
    need_land_ha = models.DecimalField(
        _("land need (ha)"), max_digits=10, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE
    )
    need_logistics = models.TextField(_("logistics need"), blank=True)
    need_permits = models.TextField(_("permits need"), blank=True)
    timeline = models.TextField(_("timeline"), blank=True)

    class Meta:
        verbose_name = _("investment card")
        verbose_name_plural = _("investment cards")

    def __str__(self):
        return self.name


class Assessment(Fact):
    """An industrial area scored on one aspect of a pyramid model on a date, with the evidence.

    The scale is the pyramid model's (``scale_min``–``scale_max``); each new assessment is a new row,
    so the scores of an area over time stay comparable."""

    hidden_with = ("area",)  # hidden from whoever may not see what it is about

    area = models.ForeignKey(
        IndustrialArea, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("industrial area")
    )
    element = models.ForeignKey(
        PyramidElement, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("aspect")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    assessed_on = models.DateField(_("assessed on"))
    evidence = models.TextField(_("evidence"), help_text=_("What the score rests on: documents, figures, visits."))
    assessor = models.CharField(_("assessor"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["area", "element", "assessed_on"]
        constraints = [
            models.UniqueConstraint(fields=["area", "element", "assessed_on"], name="assessment_one_per_aspect_and_day")
        ]

    def __str__(self):
        return f"{self.area_id and self.area} · {self.element_id and self.element} · {self.assessed_on}"

    def clean(self):
        super().clean()
        if not (self.evidence or "").strip():
            raise ValidationError({"evidence": _("an assessment needs its evidence")})
        if self.element_id is None:
            return
        if self.element.kind != ElementKind.ASPECT:
            raise ValidationError({"element": _("assess an aspect of the pyramid, not a level, driver or megatrend")})
        scale = self.element.model
        if self.score is not None and not scale.scale_min <= self.score <= scale.scale_max:
            raise ValidationError(
                {
                    "score": _("the score must be between %(low)s and %(high)s")
                    % {"low": scale.scale_min, "high": scale.scale_max}
                }
            )


class InvestmentStatusChange(Fact):
    """One change of an investment card's status: the new status, on which date, from which source.
    Restricted like the card it belongs to."""

    hidden_with = ("card",)  # hidden from whoever may not see what it is about

    concerns_organisation = "card__investor"

    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    card = models.ForeignKey(
        InvestmentCard, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("investment card")
    )
    status = models.CharField(_("status"), max_length=20, choices=InvestmentStatus.choices)
    changed_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("investment status change")
        verbose_name_plural = _("investment status changes")
        ordering = ["card", "changed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["card", "status", "changed_on"], name="investment_status_once_a_day")
        ]

    def __str__(self):
        return f"{self.card_id and self.card}: {self.get_status_display()} ({self.changed_on})"
