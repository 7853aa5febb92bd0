"""Who may do what: organisation representatives and API tokens.

Roles: an anonymous visitor; a signed-in *member*; an *organisation representative* (a member
linked to organisations through ``Representative``: may edit only those organisations, their units
and what belongs to them, and sees their restricted facts); an *editor* (staff: reviews and edits
everything); an *administrator* (superuser).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation


class Representative(models.Model):
    """A user who represents an organisation (and its units)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="representatives", verbose_name=_("organisation")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation representative")
        verbose_name_plural = _("organisation representatives")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="representative_unique")]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class Scope(models.TextChoices):
    READ = "read", _("read")
    WRITE = "write", _("write")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str, scopes: list[str], expires_at=None) -> tuple["ApiToken", str]:
        """Create a token; returns (token row, the secret to show once)."""
        secret = "ak_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=secret[:10],
            digest=_digest(secret),
            scopes=sorted(set(scopes)),
            expires_at=expires_at,
        )
        return token, secret

    @classmethod
    def authenticate(cls, secret: str) -> "ApiToken | None":
        """The live token with this secret, or None (unknown, revoked, expired or inactive user)."""
        token = cls.objects.select_related("user").filter(digest=_digest(secret), revoked=False).first()
        if token is None or not token.user.is_active:
            return None
        if token.expires_at and token.expires_at <= timezone.now():
            return None
        return token
