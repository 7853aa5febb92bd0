"""Checks for write requests: who is calling, with which scope, protected against CSRF."""

from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _

from .models import Scope
from .selectors import can_edit


class NotAllowed(Exception):
    """The caller may not make this change; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def require_write_access(request, obj=None):
    """Raise ``NotAllowed`` unless the caller may write (and may edit ``obj`` when given).

    Token callers need the ``write`` scope; session callers pass the CSRF check; anonymous callers
    are refused; representatives may edit only their own organisations' facts.
    """
    user = request.user
    token = getattr(request, "api_token", None)
    if token is not None:
        if Scope.WRITE not in token.scopes:
            raise NotAllowed(403, _("this API token has no write scope"))
    elif not user.is_authenticated:
        raise NotAllowed(401, _("sign in or use an API token with the write scope"))
    else:
        rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if rejected is not None:
            raise NotAllowed(403, _("CSRF check failed: send the X-CSRFToken header"))
    if obj is not None and not can_edit(user, obj):
        raise NotAllowed(403, _("you may edit only your own organisation and what belongs to it"))
