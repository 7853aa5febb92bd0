"""Imported files: each bulk import is recorded as the ``Source`` its rows cite (kind ``dataset``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.provenance.models import Source, SourceKind


class ImportedFileManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=SourceKind.DATASET, key__startswith="import-")


class ImportedFile(Source):
    """A file imported with ``arvoketju import`` or the admin's import page: the source of its rows.

    A proxy of ``Source`` (no table of its own); it gives the admin a place for the import pages."""

    objects = ImportedFileManager()

    class Meta:
        proxy = True
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
