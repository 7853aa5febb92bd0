"""``arvoketju serve [--host H] [--port N]``: serve the web app, API and admin with waitress."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve arvoketju (web pages, /api/v1/, /admin/) on http://HOST:PORT."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from arvoketju.wsgi import application

        self.stdout.write(f"arvoketju at http://{host}:{port}/ (API docs: /api/v1/docs, admin: /admin/)")
        serve(application, host=host, port=port, threads=threads, ident="arvoketju")
