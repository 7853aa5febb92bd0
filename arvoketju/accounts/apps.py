from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "arvoketju.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .signals import ensure_editors_group

        # after every app's migration, so apps listed after this one (search, stewardship …) are covered
        post_migrate.connect(ensure_editors_group, dispatch_uid="arvoketju-editors-group")
