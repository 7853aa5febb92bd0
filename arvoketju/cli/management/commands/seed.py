"""``arvoketju seed battery-fi``: load a bundled dataset (idempotent, all-or-nothing)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from arvoketju.provenance.services import Actor
from arvoketju.seeding.context import DatasetError
from arvoketju.seeding.loader import TAXONOMY_FOR, dataset_path, load_dataset


class Command(BaseCommand):
    help = "Load a dataset (e.g. battery-fi) with its taxonomy. Loading twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("dataset", help="dataset name (battery-fi) or a dataset folder")
        parser.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
        parser.add_argument("--taxonomy", help="taxonomy file to load first (default: the dataset's own)")

    def handle(self, *args, dataset, dry_run, taxonomy, **options):
        try:
            folder = dataset_path(dataset)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if not folder.is_dir():
            raise CommandError(f"dataset folder {folder} does not exist")
        taxonomy_path = (
            Path(taxonomy)
            if taxonomy
            else (Path(settings.DATASETS_DIR) / TAXONOMY_FOR[dataset] if dataset in TAXONOMY_FOR else None)
        )
        try:
            counts = load_dataset(
                folder, actor=Actor(label=f"arvoketju seed {dataset}"), taxonomy=taxonomy_path, dry_run=dry_run
            )
        except DatasetError as exc:
            raise CommandError(str(exc)) from None
        changed = sum(v for k, v in counts.items() if k.endswith(("created", "updated", "removed")))
        for name, count in sorted(counts.items()):
            self.stdout.write(f"{name}: {count}")
        verb = "would change" if dry_run else "changed"
        self.stdout.write(self.style.SUCCESS(f"{dataset}: {verb} {changed} record(s)"))
