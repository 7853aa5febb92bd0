"""``arvoketju geo load FILE``: load official region or municipality boundaries (GeoJSON)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from arvoketju.places.services import geo_load
from arvoketju.provenance.services import Actor


class Command(BaseCommand):
    help = (
        "Load official boundaries from a GeoJSON file (properties NATCODE, NAMEFIN, NAMESWE). "
        "Load regions before municipalities so each municipality is placed in its region."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load a boundary file")
        load.add_argument("file")
        load.add_argument("--kind", choices=["region", "municipality"], help="default: from the code length")
        load.add_argument("--attribution", default="", help='e.g. "National Land Survey of Finland, CC BY 4.0"')

    def handle(self, *args, action, file, kind, attribution, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            with transaction.atomic():
                counts = geo_load(
                    path=path, actor=Actor(label="arvoketju geo load"), kind=kind, attribution=attribution
                )
        except (ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}") from None
        for name, count in sorted(counts.items()):
            self.stdout.write(f"{name}: {count}")
