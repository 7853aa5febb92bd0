"""``arvoketju taxonomy load FILE``: load or update a value-chain taxonomy file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arvoketju.provenance.services import Actor
from arvoketju.seeding.context import DatasetError
from arvoketju.seeding.loader import load_taxonomy_file


class Command(BaseCommand):
    help = "Load or update a value-chain taxonomy (stages, themes, competence vocabulary) from YAML."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load a taxonomy file")
        load.add_argument("file")

    def handle(self, *args, action, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            counts = load_taxonomy_file(path, actor=Actor(label="arvoketju taxonomy load"))
        except DatasetError as exc:
            raise CommandError(str(exc)) from None
        for name, count in sorted(counts.items()):
            self.stdout.write(f"{name}: {count}")
