"""``arvoketju survey load FILE`` / ``survey send SURVEY --organisation REF [--email E]`` / ``survey list``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arvoketju.actors.selectors import organisation_resolve
from arvoketju.stewardship.models import LinkKind, Survey
from arvoketju.stewardship.selectors import organisation_contact_email
from arvoketju.stewardship.services import link_create, link_send, link_url, survey_builtin, survey_load
from arvoketju.stewardship.surveys import SurveyError


class Command(BaseCommand):
    help = "Load survey definitions (YAML) and send survey links to organisations."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load or update a survey file")
        load.add_argument("file")
        sub.add_parser("list", help="list the loaded surveys")
        send = sub.add_parser("send", help="create a survey link for an organisation and e-mail it")
        send.add_argument("survey", help="survey key, e.g. uas-battery (built-in surveys load on first use)")
        send.add_argument("--organisation", required=True, action="append", help="key, name or short name")
        send.add_argument("--email", default="", help="default: the organisation's contact e-mail")
        send.add_argument("--days", type=int, default=None, help="how long the link works (ARVOKETJU_LINK_DAYS)")
        send.add_argument("--no-email", action="store_true", help="only print the link")

    def handle(self, *args, action, **options):
        if action == "load":
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                survey, status = survey_load(path=path)
            except SurveyError as exc:
                raise CommandError(f"{path}: " + "; ".join(exc.problems)) from None
            self.stdout.write(f"{survey.key}: {status} ({len(survey.questions)} questions)")
        elif action == "list":
            for survey in Survey.objects.all():
                self.stdout.write(f"{survey.key}\t{survey.title}\t{len(survey.questions)} questions")
        else:
            self._send(**options)

    def _send(self, *, survey, organisation, email, days, no_email, **options):
        found = survey_builtin(survey)
        if found is None:
            raise CommandError(f"no survey {survey!r}: load it with `arvoketju survey load FILE`")
        for ref in organisation:
            org = organisation_resolve(ref=ref, user=None)
            if org is None:
                raise CommandError(f"no organisation {ref!r}")
            to = "" if no_email else (email or organisation_contact_email(org))
            link, token = link_create(
                organisation=org,
                kind=LinkKind.SURVEY,
                survey=found,
                sent_to=to,
                days=days,
                created_by_label="arvoketju survey send",
            )
            if to:
                link_send(link=link, token=token, to=to, sent_by="arvoketju survey send")
                self.stdout.write(f"{org.name}: sent to {to}: {link_url(link, token)}")
            else:
                self.stdout.write(f"{org.name}: no e-mail; link: {link_url(link, token)}")
