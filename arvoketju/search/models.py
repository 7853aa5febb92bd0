"""The search index: derived from the registry, rebuilt by ``arvoketju search reindex``, never backed up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.provenance.models import Visibility


class SearchEntry(models.Model):
    """The searchable text of one object at one visibility level.

    An object whose texts have different visibilities (a public organisation with a restricted
    alias) has one entry per level, so a restricted word finds the object only for those who may
    see that word. ``visible()`` filters entries like any fact.
    """

    concerns_organisation = "organisation"
    backup_excluded = True

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object id"))
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices)
    organisation = models.ForeignKey(
        "actors.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
        verbose_name=_("organisation concerned"),
    )
    title = models.CharField(_("title"), max_length=300)
    names = models.TextField(_("names (folded, one per line)"), blank=True)
    rank = models.PositiveSmallIntegerField(_("rank of the kind"), default=50)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "visibility"], name="search_entry_unique"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchTerm(models.Model):
    """One term (a word form, base form, stem or compound part) under which an entry is found."""

    backup_excluded = True

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(_("term"), max_length=64)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [models.UniqueConstraint(fields=["term", "entry"], name="search_term_unique")]

    def __str__(self):
        return self.term
