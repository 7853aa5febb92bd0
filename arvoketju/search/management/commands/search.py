"""``arvoketju search reindex`` and ``arvoketju search query WORDS``."""

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand

from arvoketju.search.analysis import finnish_analyser_available
from arvoketju.search.selectors import search
from arvoketju.search.services import search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index, or search it as an anonymous visitor."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="rebuild the whole index from the registry")
        query = sub.add_parser("query", help="search as an anonymous visitor")
        query.add_argument("words", nargs="+")
        query.add_argument("--limit", type=int, default=20)

    def handle(self, *args, action, **options):
        if action == "reindex":
            counts = search_reindex()
            analyser = "Voikko" if finnish_analyser_available() else "Snowball stemmers (Voikko not installed)"
            self.stdout.write(f"indexed {sum(counts.values())} objects with {analyser}")
            return
        for hit in search(query=" ".join(options["words"]), user=AnonymousUser(), limit=options["limit"]):
            self.stdout.write(f"{hit.kind}\t{hit.object_id}\t{hit.title}")
