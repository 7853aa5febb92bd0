"""``arvoketju token create|list|revoke``: personal API tokens with scopes."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from arvoketju.accounts.models import ApiToken, Scope


class Command(BaseCommand):
    help = "Issue, list and revoke API tokens (scopes: read, write). The token is shown once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="issue a token for a user")
        create.add_argument("username")
        create.add_argument("--name", default="api")
        create.add_argument(
            "--scope", action="append", choices=Scope.values, default=None, help="repeat for several; default: read"
        )
        create.add_argument("--days", type=int, default=365, help="valid for this many days (0: no expiry)")
        listing = sub.add_parser("list", help="list tokens (of one user)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, username, name, scope, days, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user '{username}'")
        expires = timezone.now() + dt.timedelta(days=days) if days else None
        token, secret = ApiToken.issue(user=user, name=name, scopes=scope or [Scope.READ], expires_at=expires)
        self.stdout.write(secret)
        self.stderr.write(
            f"token {token.prefix}… for {username}, scopes {', '.join(token.scopes)}; shown only now: store it safely"
        )

    def _list(self, username=None, **options):
        tokens = ApiToken.objects.select_related("user").order_by("created_at")
        if username:
            tokens = tokens.filter(user__username=username)
        for token in tokens:
            state = (
                "revoked" if token.revoked else f"expires {token.expires_at:%Y-%m-%d}" if token.expires_at else "live"
            )
            self.stdout.write(f"{token.prefix}…  {token.user}  {token.name}  {','.join(token.scopes)}  {state}")

    def _revoke(self, prefix, **options):
        if not ApiToken.objects.filter(prefix=prefix).update(revoked=True):
            raise CommandError(f"no token with prefix '{prefix}'")
        self.stdout.write(f"revoked {prefix}…")
