"""Collaboration: programmes, projects and applications, networks and memberships, events."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation, OrganisationType
from arvoketju.core.dates import Precision, format_vague_date
from arvoketju.places.models import Place
from arvoketju.provenance.models import Fact
from arvoketju.taxonomy.models import Competence, Stage


class Scope(models.TextChoices):
    REGIONAL = "regional", _("regional")
    NATIONAL = "national", _("national")
    INTERNATIONAL = "international", _("international")


class Programme(Fact):
    """A funding programme or instrument (Horizon Europe, ERDF, Interreg NPA, Business Finland …)."""

    name = models.CharField(_("name"), max_length=300)
    funder = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("funder"),
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NetworkKind(models.TextChoices):
    NETWORK = "network", _("network")
    CLUSTER = "cluster", _("cluster")
    ASSOCIATION = "association", _("association")
    STEERING_GROUP = "steering_group", _("steering group")
    PLATFORM = "platform", _("platform")


class Network(Fact):
    """A network, cluster, platform or steering group that organisations belong to."""

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices, default=NetworkKind.NETWORK)
    coordinator = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_networks",
        verbose_name=_("coordinator"),
    )
    description = models.TextField(_("description"), blank=True)
    stated_counts = models.JSONField(
        _("counts as stated"),
        default=dict,
        blank=True,
        help_text=_('Counts a source gives without names, e.g. {"interested": 11}.'),
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipStatus(models.TextChoices):
    INTERESTED = "interested", _("interested")
    COMMITTED = "committed", _("committed")
    MEMBER = "member", _("member")
    CHAIR = "chair", _("chair")
    OBSERVER = "observer", _("observer")


class Membership(Fact):
    """An organisation's (or, where a source names only towns, a place's) membership of a network,
    with its status and period."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation", "network")  # hidden from whoever may not see what it is about

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("place"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.MEMBER
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.organisation or self.place} – {self.network}"

    def clean(self):
        super().clean()
        if not self.organisation_id and not self.place_id:
            raise ValidationError(_("a member is an organisation or a place"))


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    IN_PREPARATION = "in_preparation", _("in preparation")
    SUBMITTED = "submitted", _("submitted")
    FUNDED = "funded", _("funded")
    REJECTED = "rejected", _("rejected")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")


class Project(Fact):
    """A joint project or funding application, with its programme, register numbers and status."""

    acronym = models.CharField(_("acronym"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programme")
    )
    call = models.CharField(_("call"), max_length=300, blank=True)
    register_numbers = models.JSONField(_("register numbers"), default=list, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, blank=True)
    status = models.CharField(_("current status"), max_length=20, choices=ProjectStatus.choices, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(_("start precision"), max_length=5, choices=Precision.choices, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(_("end precision"), max_length=5, choices=Precision.choices, blank=True)
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"), blank=True)
    stages = models.ManyToManyField(Stage, blank=True, related_name="projects", verbose_name=_("stages"))
    competences = models.ManyToManyField(Competence, blank=True, related_name="projects", verbose_name=_("competences"))
    prepared_by = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prepared_projects",
        verbose_name=_("prepared by network"),
    )

    class Meta:
        verbose_name = _("project or application")
        verbose_name_plural = _("projects and applications")
        ordering = ["acronym", "title"]

    def __str__(self):
        if self.acronym or self.title:
            return self.acronym or self.title
        return _("application to %(programme)s") % {"programme": self.programme}

    def clean(self):
        super().clean()
        if not (self.acronym or self.title or self.programme_id):
            raise ValidationError(_("a project needs an acronym, a title or at least its programme"))
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("must not be before the start")})

    @property
    def start_display(self):
        return format_vague_date(self.start, self.start_precision)

    @property
    def end_display(self):
        return format_vague_date(self.end, self.end_precision)


class ProjectStatusChange(Fact):
    """One step in a project's status history (submitted, funded …), dated as precisely as stated."""

    hidden_with = ("project",)  # hidden from whoever may not see what it is about

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_history", verbose_name=_("project")
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("date precision"), max_length=5, choices=Precision.choices, blank=True)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["project", "sequence"]
        constraints = [models.UniqueConstraint(fields=["project", "sequence"], name="status_change_sequence")]

    def __str__(self):
        return f"{self.project}: {self.get_status_display()}"

    @property
    def date_display(self):
        return format_vague_date(self.date, self.date_precision)


class ParticipationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    PARTNER = "partner", _("partner")
    ASSOCIATED = "associated", _("associated partner")
    UNKNOWN = "unknown", _("role not stated")


class Participation(Fact):
    """An organisation in a project — or, where a source names none, a stated count of actors of a
    type from a place (e.g. "two companies from the region")."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation", "project")  # hidden from whoever may not see what it is about

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participations", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.UNKNOWN
    )
    actor_type = models.CharField(
        _("actor type (unnamed)"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("place (unnamed)"),
    )
    count = models.PositiveIntegerField(_("count (unnamed)"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        if self.organisation_id:
            return f"{self.organisation} in {self.project}"
        return f"{self.count or '?'} × {self.actor_type or _('actor')} ({self.place or '?'}) in {self.project}"

    def clean(self):
        super().clean()
        if not self.organisation_id and not (self.actor_type or self.place_id or self.description):
            raise ValidationError(_("name an organisation, or describe the unnamed participants"))


class EventSeries(Fact):
    """A series of events, such as the industrial-areas workshop series (the "annual clock")."""

    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    SEMINAR = "seminar", _("seminar")
    CONFERENCE = "conference", _("conference")
    MEETING = "meeting", _("meeting")
    VISIT = "visit", _("visit")
    TRIP = "trip", _("trip")
    ROUND_TABLE = "round_table", _("round table")
    FAIR = "fair", _("fair")
    OTHER = "other", _("other")


class EventFormat(models.TextChoices):
    ONSITE = "onsite", _("on site")
    REMOTE = "remote", _("remote")
    HYBRID = "hybrid", _("hybrid")


class Event(Fact):
    """A workshop, seminar, visit or trip: dates, venue, participant counts and who took part."""

    name = models.CharField(_("name"), max_length=300)
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", verbose_name=_("series")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(_("start precision"), max_length=5, choices=Precision.choices, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(_("end precision"), max_length=5, choices=Precision.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("place")
    )
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices, blank=True)
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_onsite = models.PositiveIntegerField(_("participants on site"), null=True, blank=True)
    participants_remote = models.PositiveIntegerField(_("participants remote"), null=True, blank=True)
    participants_registered = models.PositiveIntegerField(_("registered"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    outputs = models.TextField(_("outputs"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("must not be before the start")})

    @property
    def start_display(self):
        return format_vague_date(self.start, self.start_precision)

    @property
    def end_display(self):
        return format_vague_date(self.end, self.end_precision)


class AttendanceRole(models.TextChoices):
    HOST = "host", _("host")
    FACILITATOR = "facilitator", _("facilitator")
    SPEAKER = "speaker", _("speaker")
    REPRESENTED = "represented", _("represented")


class EventAttendance(Fact):
    """An organisation or a place represented at an event, and in what role."""

    concerns_organisation = "organisation"
    hidden_with = ("organisation", "event")  # hidden from whoever may not see what it is about

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("event"))
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("organisation"),
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("place")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=AttendanceRole.choices, default=AttendanceRole.REPRESENTED
    )
    topic = models.CharField(_("topic"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("event attendance")
        verbose_name_plural = _("event attendances")

    def __str__(self):
        return f"{self.organisation or self.place} @ {self.event}"

    def clean(self):
        super().clean()
        if not self.organisation_id and not self.place_id and not self.topic:
            raise ValidationError(_("an attendance names an organisation, a place or (for a speaker) a topic"))
