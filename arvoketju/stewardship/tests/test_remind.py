"""Freshness: the staleness list, `arvoketju remind` (dry run and for real, with the e-mail in
Django's outbox and a reminder recorded), and sending links from the organisation admin."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from arvoketju.actors.models import Organisation
from arvoketju.stewardship.models import ReminderLog, UpdateLink
from arvoketju.stewardship.selectors import link_for_token, organisation_contact_email, organisations_stale
from arvoketju.stewardship.services import link_revoke

pytestmark = pytest.mark.django_db


def test_the_stale_list_holds_what_was_not_confirmed_within_the_period(centria, uef, settings):
    today = timezone.localdate()
    Organisation.objects.filter(pk=centria.pk).update(last_confirmed=today - dt.timedelta(days=10))
    Organisation.objects.filter(pk=uef.pk).update(last_confirmed=today - dt.timedelta(days=400))
    stale = list(organisations_stale())
    assert uef in stale and centria not in stale
    assert centria in organisations_stale(days=5)
    assert stale[-1] == uef  # never-confirmed records come first, then the oldest
    settings.ARVOKETJU_STALE_AFTER_DAYS = 500
    assert uef not in organisations_stale()


def test_contact_email_comes_from_contact_persons(centria, contact, uef):
    assert organisation_contact_email(centria) == "rep@centria.example"
    assert organisation_contact_email(uef) == ""


def test_remind_dry_run_sends_nothing_and_records_nothing(capsys, contact, centria):
    call_command("remind", "--dry-run")
    out = capsys.readouterr().out
    assert f"would send: {centria.name} -> rep@centria.example" in out
    assert mail.outbox == []
    assert not ReminderLog.objects.exists() and not UpdateLink.objects.exists()


def test_remind_sends_the_link_and_records_it(capsys, contact, centria):
    Organisation.objects.exclude(pk=centria.pk).update(last_confirmed=timezone.localdate())
    call_command("remind", "--older-than", "30")
    assert "sent: " + centria.name in capsys.readouterr().out
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rep@centria.example"] and centria.name in message.subject
    token = message.body.split("https://arvoketju.example.org/update/")[1].split("/")[0]
    link = link_for_token(token)
    assert link.organisation == centria and link.sent_to == "rep@centria.example"
    log = ReminderLog.objects.get()
    assert log.organisation == centria and log.link == link and log.sent_by == "arvoketju remind"
    call_command("remind", "--older-than", "30")
    assert len(mail.outbox) == 1  # the link sent is still valid: not reminded again
    assert "1 with a valid link sent earlier" in capsys.readouterr().out
    link_revoke(link=link)
    Organisation.objects.filter(pk=centria.pk).update(last_confirmed=timezone.localdate())
    call_command("remind", "--older-than", "30")
    assert len(mail.outbox) == 1  # confirmed now: not reminded again


def test_the_organisation_admin_filters_stale_records_and_sends_links(client, editor, centria, contact):
    client.force_login(editor)
    changelist = reverse("admin:actors_organisation_changelist")
    response = client.get(changelist + "?confirmed=stale")
    assert response.status_code == 200 and centria.name in response.content.decode()
    data = {"action": "send_links", "_selected_action": [centria.pk]}
    response = client.post(changelist, data)
    assert response.status_code == 200 and b"Create and send" in response.content
    data.update({"apply": "1", "what": "update", "email": "", "days": "14"})
    response = client.post(changelist, data)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rep@centria.example"]
    link = UpdateLink.objects.get()
    assert link.created_by == editor and (link.expires_at - timezone.now()).days in (13, 14)
    assert ReminderLog.objects.filter(link=link).exists()


def test_links_without_an_email_are_shown_once_to_the_editor(client, editor, uef):
    client.force_login(editor)
    changelist = reverse("admin:actors_organisation_changelist")
    data = {
        "action": "send_links",
        "_selected_action": [uef.pk],
        "apply": "1",
        "what": "survey:uas-battery",
        "days": "30",
    }
    response = client.post(changelist, data, follow=True)
    body = response.content.decode()
    assert "/survey/" in body and mail.outbox == []
    assert UpdateLink.objects.get().kind == "survey"


def test_revoking_links_in_the_admin(client, editor, update_link):
    link, token = update_link
    client.force_login(editor)
    changelist = reverse("admin:stewardship_updatelink_changelist")
    client.post(changelist, {"action": "revoke", "_selected_action": [link.pk]})
    assert client.get(f"/update/{token}/").status_code == 410
