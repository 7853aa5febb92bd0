"""``arvoketju load FILE``: restore an ``arvoketju export`` file into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from arvoketju.provenance.backup import RestoreError, load_database
from arvoketju.search.services import search_reindex


class Command(BaseCommand):
    help = "Restore a JSON backup made by `arvoketju export` into an empty (migrated) database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            rows = load_database(file)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except RestoreError as exc:
            raise CommandError(str(exc)) from None
        search_reindex()  # the index is derived data, not part of a backup
        self.stdout.write(f"loaded {rows} rows from {file}")
