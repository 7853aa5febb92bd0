"""Surveys as data: the built-in UAS survey loads, its form is built from the definition, and the
answers map to capabilities, infrastructure, education programmes and project participations."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from arvoketju.capabilities.models import Capability, Infrastructure
from arvoketju.collaboration.models import Participation, Project
from arvoketju.provenance.models import Source
from arvoketju.stewardship.models import ChangeRequest, LinkKind, Survey
from arvoketju.stewardship.services import change_request_apply, link_create, survey_builtin, survey_load
from arvoketju.stewardship.surveys import SurveyError, read_definition, validate_definition
from arvoketju.workforce.models import EducationProgramme

pytestmark = pytest.mark.django_db
UAS = Path(settings.DATASETS_DIR) / "surveys" / "uas-battery.yaml"


def test_the_builtin_uas_survey_covers_the_reports_four_themes():
    definition = read_definition(UAS)
    sections = [s["key"] for s in definition["sections"]]
    assert sections[:4] == ["competence", "activity", "infrastructure", "cooperation"]
    survey, status = survey_load(path=UAS)
    assert status == "created" and len(survey.questions) >= 10
    assert survey_load(path=UAS)[1] == "unchanged"


def test_bad_definitions_are_refused_with_every_problem(tmp_path):
    problems = validate_definition(
        {
            "key": "x",
            "title": "X",
            "sections": [
                {
                    "questions": [
                        {"key": "a", "type": "essay", "label": "A"},
                        {"key": "b", "type": "multichoice", "label": "B", "options": "colours"},
                        {"key": "c", "type": "text", "label": "C", "maps_to": {"target": "user", "field": "is_staff"}},
                        {
                            "key": "d",
                            "type": "text",
                            "label": "D",
                            "maps_to": {"target": "organisation", "field": "type"},
                        },
                    ]
                }
            ],
        }
    )
    assert len(problems) == 4
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: x\ntitle: X\nsections: [{questions: [{key: a, type: essay, label: A}]}]\n")
    with pytest.raises(SurveyError):
        read_definition(bad)
    with pytest.raises(CommandError, match="type must be one of"):
        call_command("survey", "load", str(bad))


def answers(survey, **extra):
    data = {"submitted_name": "Tutkimusjohtaja", "submitted_email": "tki@centria.example"}
    data.update(extra)
    return data


def test_a_survey_response_maps_to_capabilities_infrastructure_and_education(client, centria, editor):
    survey = survey_builtin("uas-battery")
    link, token = link_create(organisation=centria, kind=LinkKind.SURVEY, survey=survey)
    page = client.get(f"/survey/{token}/")
    assert page.status_code == 200
    assert "Yritysyhteistyö".encode() in client.get(f"/survey/{token}/", HTTP_ACCEPT_LANGUAGE="fi").content
    assert b"Company cooperation" in client.get(f"/en/survey/{token}/").content
    project = Project.objects.filter(participations__organisation__isnull=False).first()
    partner = Participation.objects.filter(project=project).exclude(organisation=None).first().organisation
    data = answers(
        survey,
        **{
            "q-research-stages": ["cathode-materials", "recycling"],
            "q-planned-stages": ["second-life"],
            "q-competence-areas": ["na-ion-batteries"],
            "q-infrastructures-0-name": "Akkulaboratorio X",
            "q-infrastructures-0-kind": "laboratory",
            "q-infrastructures-0-stages": ["cathode-materials"],
            "q-programmes-0-name": "Akkuteknologian täydennyskoulutus",
            "q-programmes-0-level": "continuing",
            "q-programmes-0-stages": ["cell-manufacturing"],
            "q-cooperation-partners-0-partner": partner.name,
            "q-cooperation-partners-0-form": "project",
            "q-cooperation-partners-0-project": project.key,
            "q-cooperation-partners-1-partner": "Tuntematon Oy",
            "q-company-cooperation": "yes",
            "q-comments": "Kiitos",
        },
    )
    capabilities = Capability.objects.count()
    response = client.post(f"/survey/{token}/", data)
    assert response.status_code == 200, response.context["form"].errors
    change = ChangeRequest.objects.get()
    assert change.kind == "survey" and change.survey == survey
    targets = [row["target"] for row in change.proposed["rows"]]
    assert targets.count("capability") == 4 and "infrastructure" in targets and "education_programme" in targets
    assert change.proposed["answers"]["comments"] == "Kiitos"
    assert Capability.objects.count() == capabilities  # nothing written before review
    unknown = [r for r in change.proposed["rows"] if r["target"] == "cooperation" and r.get("note")]
    assert unknown and "Tuntematon Oy" in unknown[0]["note"]

    change_request_apply(request=change, reviewer=editor)
    source = Source.objects.get(key=f"update-{centria.key}-{change.pk}")
    assert source.kind == "survey"
    research = Capability.objects.get(organisation=centria, stage__key="recycling", kind="research", basis="stated")
    assert research.status == "active"
    assert Capability.objects.filter(
        organisation=centria, stage__key="second-life", kind="research", status="potential"
    ).exists()
    assert Capability.objects.filter(organisation=centria, competence__key="na-ion-batteries").exists()
    lab = Infrastructure.objects.get(organisation=centria, name="Akkulaboratorio X")
    assert lab.source == source and lab.locator == f"change request {change.pk}"
    assert list(lab.stages.values_list("key", flat=True)) == ["cathode-materials"]
    programme = EducationProgramme.objects.get(provider=centria, name="Akkuteknologian täydennyskoulutus")
    assert programme.level == "continuing" and programme.source == source
    assert Participation.objects.filter(project=project, organisation=centria).exists()
    change.refresh_from_db()
    assert change.result["kept"] and change.result["kept"][0]["values"]["partner"] == "Tuntematon Oy"


def test_invalid_survey_answers_are_refused_with_clear_messages(client, centria):
    survey = survey_builtin("uas-battery")
    _link, token = link_create(organisation=centria, kind=LinkKind.SURVEY, survey=survey)
    data = answers(survey, **{"q-infrastructures-0-kind": "laboratory", "q-website": "not a url"})
    response = client.post(f"/en/survey/{token}/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["q-infrastructures-0-name"] == ["This field cannot be blank."]
    assert errors["q-website"] == ["Enter a valid URL."]
    assert not ChangeRequest.objects.exists()


def test_a_survey_link_cannot_open_the_update_form_and_vice_versa(client, centria, update_link):
    survey = survey_builtin("uas-battery")
    _link, survey_token = link_create(organisation=centria, kind=LinkKind.SURVEY, survey=survey)
    assert client.get(f"/update/{survey_token}/").status_code == 404
    assert client.get(f"/survey/{update_link[1]}/").status_code == 404


def test_survey_commands_load_list_and_send(capsys, centria, contact):
    from django.core import mail

    call_command("survey", "load", str(UAS))
    call_command("survey", "list")
    call_command("survey", "send", "uas-battery", "--organisation", "Centria")
    out = capsys.readouterr().out
    assert "uas-battery: created" in out and "sent to rep@centria.example" in out
    assert len(mail.outbox) == 1 and "/survey/" in mail.outbox[0].body
    assert Survey.objects.get(key="uas-battery").links.count() == 1
    with pytest.raises(CommandError, match="no organisation"):
        call_command("survey", "send", "uas-battery", "--organisation", "No Such Org")
