"""Checks written once and run over every fact model."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.functional import Promise

from arvoketju.provenance.models import Fact

FACT_MODELS = sorted((m for m in apps.get_models() if issubclass(m, Fact)), key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", FACT_MODELS, ids=lambda m: m._meta.label)
def test_every_fact_model_is_documented_and_labelled(model):
    assert model.__doc__ and not model.__doc__.startswith(model.__name__ + "("), "model needs a docstring"
    assert isinstance(model._meta.verbose_name, Promise), "model needs a translatable verbose_name"
    for field in model._meta.get_fields():
        if getattr(field, "concrete", False) and not field.auto_created:
            assert isinstance(field.verbose_name, Promise), f"{model.__name__}.{field.name} has no translatable label"


@pytest.mark.parametrize("model", FACT_MODELS, ids=lambda m: m._meta.label)
def test_every_fact_refuses_a_missing_source_and_locator(model):
    with pytest.raises(ValidationError) as exc:
        model(locator="").full_clean()
    assert {"source", "locator"} <= set(exc.value.message_dict)


@pytest.mark.parametrize("model", FACT_MODELS, ids=lambda m: m._meta.label)
def test_every_fact_refuses_an_inverted_validity_period(model):
    import datetime as dt

    fact = model(locator="x", valid_from=dt.date(2025, 1, 2), valid_to=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as exc:
        fact.full_clean()
    assert "valid_to" in exc.value.message_dict
