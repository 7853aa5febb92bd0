"""Assessments: the scale comes from the pyramid model, evidence is required, history is kept."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from arvoketju.industry import selectors
from arvoketju.industry.models import Assessment, PyramidElement
from arvoketju.industry.services import assessment_record
from arvoketju.provenance.models import ChangeRecord
from arvoketju.testing.factories import SourceFactory

pytestmark = pytest.mark.django_db


def record(area, element, actor, *, score=3, day=dt.date(2025, 1, 1), evidence="visit notes"):
    return assessment_record(
        area=area,
        element=element,
        score=score,
        assessed_on=day,
        evidence=evidence,
        source=SourceFactory(),
        locator="assessment workshop",
        actor=actor,
    )


def test_scores_at_both_ends_of_the_models_scale_are_accepted(kip, energy, actor):
    model = energy.model
    assert (model.scale_min, model.scale_max) == (1, 5)
    assert record(kip, energy, actor, score=model.scale_min).score == 1
    assert record(kip, energy, actor, score=model.scale_max, day=dt.date(2025, 2, 1)).score == 5


@pytest.mark.parametrize("score", [0, 6, 100])
def test_a_score_outside_the_scale_is_refused(kip, energy, actor, score):
    with pytest.raises(ValidationError) as error:
        record(kip, energy, actor, score=score)
    assert "score" in error.value.message_dict
    assert not Assessment.objects.filter(area=kip).exists()


def test_the_scale_is_the_models_own(kip, energy, actor):
    model = energy.model
    model.scale_max = 10
    model.save()
    assert record(kip, energy, actor, score=8).score == 8


@pytest.mark.parametrize("evidence", ["", "   "])
def test_evidence_is_required(kip, energy, actor, evidence):
    with pytest.raises(ValidationError) as error:
        record(kip, energy, actor, evidence=evidence)
    assert "evidence" in error.value.message_dict


def test_only_aspects_are_assessed(kip, actor):
    level = PyramidElement.objects.get(key="infrastruktuuri")
    with pytest.raises(ValidationError) as error:
        record(kip, level, actor)
    assert "element" in error.value.message_dict


def test_history_over_time_latest_score_and_change_records(kip, energy, actor):
    roads = PyramidElement.objects.get(key="vaylat-infra")
    record(kip, energy, actor, score=2, day=dt.date(2024, 1, 1))
    record(kip, roads, actor, score=4, day=dt.date(2024, 1, 1))
    latest = record(kip, energy, actor, score=5, day=dt.date(2025, 1, 1))
    rows = list(selectors.assessments_of(areas=[kip], user=None))
    assert len(rows) == 3
    assert selectors.latest_scores(rows)[(kip.pk, energy.pk)] == latest
    # mean of the aspects assessed by each date: (2 + 4) / 2, then (5 + 4) / 2
    assert selectors.score_history(rows)[kip.pk] == [(dt.date(2024, 1, 1), 3.0), (dt.date(2025, 1, 1), 4.5)]
    assert ChangeRecord.objects.filter(object_id=str(latest.pk), content_type__model="assessment").exists()
    # recording the same day again corrects that row instead of adding one
    record(kip, energy, actor, score=4, day=dt.date(2025, 1, 1))
    assert Assessment.objects.filter(area=kip, element=energy).count() == 2
