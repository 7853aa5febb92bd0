"""The skills page: competence needs against education supply per region and stage."""

from django.shortcuts import render

from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.selectors import visible
from arvoketju.taxonomy.models import Stage

from . import selectors
from .forms import SkillsFilterForm
from .supply import by_region, supply_vs_need


def skills(request):
    """Needs with the education that meets them nearby; needs without it highlighted, with sources."""
    user = request.user
    regions = visible(Place.objects.filter(kind=PlaceKind.REGION), user).defer("boundary").order_by("name_fi")
    stages = visible(Stage.objects.all(), user).order_by("kind", "order")
    form = SkillsFilterForm(request.GET, regions=regions, stages=stages)
    filters = form.filters()
    supply = selectors.supply_records(user=user)
    rows = supply_vs_need(selectors.need_records(user=user, region=filters["region"], stage=filters["stage"]), supply)
    if filters["gaps"]:
        rows = [row for row in rows if row.gap]
    context = {
        "nav": "skills",
        "form": form,
        "groups": by_region(rows),
        "total": len(rows),
        "gaps": sum(row.gap for row in rows),
        "supply_count": len(supply),
    }
    return render(request, "workforce/skills.html", context)
