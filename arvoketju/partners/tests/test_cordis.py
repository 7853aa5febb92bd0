"""CORDIS import: both separators, optional files, row+field errors, idempotence, organisation matching."""

import pytest

from arvoketju.actors.models import Identifier, Organisation
from arvoketju.collaboration.models import Participation, Project
from arvoketju.partners.models import ProjectClassification, ProjectTopic
from arvoketju.partners.services import cordis_import
from arvoketju.partners.synthetic import generate
from arvoketju.provenance.models import ChangeRecord

pytestmark = pytest.mark.django_db

PROJECT_HEADER = "id;acronym;status;title;startDate;endDate;topics;frameworkProgramme;objective\n"
ORG_HEADER = "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;city;country;role\n"


def _counts():
    return (
        Organisation.objects.count(),
        Project.objects.count(),
        Participation.objects.count(),
        ProjectTopic.objects.count(),
        ProjectClassification.objects.count(),
        ChangeRecord.objects.count(),
    )


@pytest.mark.parametrize("separator", [";", ","])
def test_both_separators_import_everything_and_reimport_changes_nothing(actor, separator):
    data = generate(projects=25, organisation_rows=120, seed=2, separator=separator)
    files = data.files
    before = _counts()
    result = cordis_import(
        projects=files["project.csv"],
        organizations=files["organization.csv"],
        topics=files["topics.csv"],
        scivoc=files["euroSciVoc.csv"],
        actor=actor,
    )
    assert result.ok and result.applied, result.problems[:3] or result.uncertain[:3]
    assert result.counts["projects"] == 25
    pics = {m for p in data.history.projects for m in p.members}
    assert result.counts["organisations"] == len(pics)
    assert Identifier.objects.filter(scheme="pic", value__in=pics).count() == len(pics)
    assert Participation.objects.filter(project__key__startswith="cordis-").count() == sum(
        len(p.members) for p in data.history.projects
    )
    project = Project.objects.get(key="cordis-100000")
    assert project.programme.name == "Horizon 2020" and project.start == data.history.projects[0].start
    rules = list(ProjectClassification.objects.filter(project=project).values_list("rule", flat=True))
    assert rules and all(r.startswith(("topic ", "EuroSciVoc ", "text: ")) for r in rules)
    assert (
        project.competences.count()
        == ProjectClassification.objects.filter(project=project).exclude(competence=None).count()
    )
    assert ChangeRecord.objects.filter(object_id=str(project.pk), action="create").exists()
    after = _counts()
    again = cordis_import(
        projects=files["project.csv"],
        organizations=files["organization.csv"],
        topics=files["topics.csv"],
        scivoc=files["euroSciVoc.csv"],
        actor=actor,
    )
    assert again.ok and not again.counts, again.counts
    assert _counts() == after != before


def test_optional_files_may_be_absent(actor):
    files = generate(projects=5, organisation_rows=20, seed=4).files
    result = cordis_import(projects=files["project.csv"], organizations=files["organization.csv"], actor=actor)
    assert result.applied, result.problems
    # the project file's own topics column still gives each project its call topic
    assert ProjectTopic.objects.filter(project__key="cordis-100000", kind="topic").count() == 1
    assert not ProjectTopic.objects.filter(project__key="cordis-100000", kind="field").exists()


def test_bad_rows_name_row_and_field_and_nothing_is_written(actor):
    projects = (
        PROJECT_HEADER + '1;"GOOD";"SIGNED";"Recycling of black mass";2022-01-01;2024-12-31;;"HORIZON";"x"\n'
        '2;"BAD";"SIGNED";"t";2022-13-01;2024-12-31;;"HORIZON";"x"\n'
    )
    orgs = (
        ORG_HEADER + '1;"GOOD";"999999991";"";"Alpha Oy";"";"true";"PRC";"Oulu";"FI";"coordinator"\n'
        '1;"GOOD";"12345";"";"Beta";"";"maybe";"XYZ";"Oulu";"FI";"boss"\n'
        '9;"NONE";"999999992";"";"Gamma";"";"";"";"";"";""\n'
    )
    before = _counts()
    result = cordis_import(projects=projects.encode(), organizations=orgs.encode(), actor=actor)
    assert not result.applied
    found = {(p.row_label, p.row, p.column) for p in result.problems}
    assert ("project.csv row", 3, "startDate") in found
    assert ("organization.csv row", 3, "organisationID") in found
    assert ("organization.csv row", 3, "SME") in found
    assert ("organization.csv row", 3, "activityType") in found
    assert ("organization.csv row", 3, "role") in found
    assert ("organization.csv row", 4, "projectID") in found
    assert any(str(p).startswith("organization.csv row 3, organisationID: '12345'") for p in result.problems)
    assert _counts() == before


def test_missing_required_column_is_reported_on_the_header(actor):
    result = cordis_import(projects=b"acronym;title\nA;B\n", organizations=ORG_HEADER.encode(), actor=actor)
    assert [(p.row, p.column) for p in result.problems] == [(1, "id")]


def test_matching_by_pic_name_without_company_form_and_uncertain_queue(actor):
    stored = Organisation.objects.create(
        key="kemiatesti", name="Kemiatesti", type="company", source_id=_source(), locator="test"
    )
    Identifier.objects.create(organisation=stored, scheme="pic", value="999999990", source_id=_source(), locator="t")
    named = Organisation.objects.create(
        key="akkulabra", name="Akkulabra", type="company", source_id=_source(), locator="test"
    )
    Organisation.objects.create(
        key="nordic-cells", name="Nordic Cells Research", type="company", source_id=_source(), locator="test"
    )
    projects = PROJECT_HEADER + '7;"MATCH";"CLOSED";"Battery testing";2019-01-01;2021-12-31;;"H2020";"x"\n'
    orgs = (
        ORG_HEADER + '7;"MATCH";"999999990";"";"Kemiatesti Finland Ltd";"";"false";"PRC";"";"FI";"coordinator"\n'
        '7;"MATCH";"999999993";"";"AKKULABRA OY";"";"true";"PRC";"";"FI";"participant"\n'
        '7;"MATCH";"999999994";"";"Nordic Cells";"";"";"REC";"";"SE";"participant"\n'
    )
    result = cordis_import(projects=projects.encode(), organizations=orgs.encode(), actor=actor)
    assert not result.applied
    assert [(u.row, u.value) for u in result.uncertain] == [(4, "Nordic Cells")]
    assert result.matched["pic"] == 1 and result.matched["name without company form"] == 1
    assert not Project.objects.filter(key="cordis-7").exists()
    decided = cordis_import(
        projects=projects.encode(),
        organizations=orgs.encode(),
        actor=actor,
        decisions={"999999994": "nordic-cells"},
    )
    assert decided.applied, decided.problems
    project = Project.objects.get(key="cordis-7")
    members = set(project.participations.values_list("organisation__key", flat=True))
    assert members == {"kemiatesti", "akkulabra", "nordic-cells"}
    assert Identifier.objects.get(scheme="pic", value="999999993").organisation == named
    assert Organisation.objects.get(key="nordic-cells").country == "SE"


def _source():
    from arvoketju.testing.factories import SourceFactory

    return SourceFactory().pk


def test_a_later_file_may_name_a_project_imported_earlier(actor):
    first_projects = PROJECT_HEADER + '7;"ONE";"CLOSED";"Battery testing";2019-01-01;2021-12-31;;"H2020";"x"\n'
    first_orgs = ORG_HEADER + '7;"ONE";"999999990";"";"Zzyzx Testers Oy";"";"false";"PRC";"";"FI";"coordinator"\n'
    assert cordis_import(projects=first_projects.encode(), organizations=first_orgs.encode(), actor=actor).applied
    later_projects = PROJECT_HEADER + '8;"TWO";"CLOSED";"Battery recycling";2019-01-01;2021-12-31;;"H2020";"x"\n'
    later_orgs = (
        ORG_HEADER + '8;"TWO";"999999990";"";"Zzyzx Testers Oy";"";"false";"PRC";"";"FI";"coordinator"\n'
        '7;"ONE";"999999993";"";"Qwerty Labs Oy";"";"false";"PRC";"";"FI";"participant"\n'
    )
    result = cordis_import(projects=later_projects.encode(), organizations=later_orgs.encode(), actor=actor)
    assert result.applied, result.problems
    members = set(Participation.objects.filter(project__key="cordis-7").values_list("organisation__name", flat=True))
    assert members == {"Zzyzx Testers Oy", "Qwerty Labs Oy"}


def test_a_pic_given_to_an_existing_organisation_is_searchable(actor, editor):
    from arvoketju.search.selectors import search
    from arvoketju.testing.factories import OrganisationFactory

    OrganisationFactory(key="akkulabra", name="Akkulabra", country="FI", visibility="public")
    projects = PROJECT_HEADER + '5;"LAB";"CLOSED";"Battery testing";2019-01-01;2021-12-31;;"H2020";"x"\n'
    orgs = ORG_HEADER + '5;"LAB";"999999993";"";"AKKULABRA OY";"";"false";"PRC";"";"FI";"coordinator"\n'
    result = cordis_import(projects=projects.encode(), organizations=orgs.encode(), actor=actor)
    assert result.applied and result.matched.get("name without company form") == 1, result.matched
    organisation = Organisation.objects.get(key="akkulabra")
    found = [(hit.kind, hit.object_id) for hit in search(query="999999993", user=editor)]
    assert ("actors.organisation", organisation.pk) in found
    assert Identifier.objects.filter(value="999999993", organisation__key="akkulabra").exists()
