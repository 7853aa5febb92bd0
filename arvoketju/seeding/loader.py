"""Load a dataset folder (all-or-nothing, idempotent) through the services."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from arvoketju.capabilities.services import capabilities_derive_from_projects
from arvoketju.provenance.services import Actor
from arvoketju.search.signals import deferred_indexing

from . import activity_sections as activity
from . import industry_sections as industry
from . import registry_sections as registry
from .context import DatasetError, LoadContext

DATASETS = {"battery-fi": "battery_fi"}
TAXONOMY_FOR = {"battery-fi": "taxonomy/battery.yaml"}


def dataset_path(name: str) -> Path:
    """The folder of a named dataset (``battery-fi``) or a path given directly."""
    candidate = Path(name)
    if candidate.is_dir():
        return candidate
    if name not in DATASETS:
        raise ValueError(f"unknown dataset '{name}'; known: {', '.join(DATASETS)} (or give a folder path)")
    return Path(settings.DATASETS_DIR) / DATASETS[name]


def load_dataset(folder: Path, *, actor: Actor, taxonomy: Path | None = None, dry_run: bool = False) -> Counter:
    """Load every file of a dataset folder in dependency order, in one transaction.

    Raises ``DatasetError`` listing every problem (file, record, field, reason) and writes nothing if
    any record is invalid. With ``dry_run`` everything is validated and counted, then rolled back.
    """
    ctx = LoadContext(folder=Path(folder), actor=actor)
    with transaction.atomic(), deferred_indexing():
        registry.load_sources(ctx, ctx.read("sources.yaml", required=True))
        if taxonomy is not None:
            ctx.folder, name = taxonomy.parent, taxonomy.name
            registry.load_taxonomy(ctx, ctx.read(name, required=True))
            ctx.folder = Path(folder)
        for name in ("places.yaml", "places-more.yaml"):
            registry.load_places(ctx, ctx.read(name, required=name == "places.yaml"))
        for name in ("organisations.yaml", "organisations-more.yaml"):
            registry.load_organisations(ctx, ctx.read(name, required=name == "organisations.yaml"))
        registry.load_contacts(ctx, ctx.read("contacts.yaml"))
        activity.load_programmes(ctx, ctx.read("programmes.yaml"))
        activity.load_networks(ctx, ctx.read("networks.yaml"))
        activity.load_projects(ctx, ctx.read("projects.yaml"))
        activity.load_events(ctx, ctx.read("events.yaml"))
        activity.load_declarations(ctx, ctx.read("declarations.yaml"))
        activity.load_capabilities(ctx, ctx.read("capabilities.yaml"))
        industry.load_industry(ctx, ctx.read("industry.yaml"))
        activity.load_workforce(ctx, ctx.read("workforce.yaml"))
        activity.load_outcomes(ctx, ctx.read("outcomes.yaml"))
        if ctx.problems:
            transaction.set_rollback(True)
            raise DatasetError(ctx.problems)
        for outcome, count in capabilities_derive_from_projects(actor=actor).items():
            ctx.counts[f"derived capability {outcome}"] += count
        if dry_run:
            transaction.set_rollback(True)
    return ctx.counts


def load_taxonomy_file(path: Path, *, actor: Actor) -> Counter:
    """Load or update one taxonomy file (all-or-nothing)."""
    ctx = LoadContext(folder=Path(path).parent, actor=actor, default_source="taxonomy")
    with transaction.atomic():
        registry.load_taxonomy(ctx, ctx.read(Path(path).name, required=True))
        if ctx.problems:
            transaction.set_rollback(True)
            raise DatasetError(ctx.problems)
    return ctx.counts
