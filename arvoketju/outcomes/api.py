"""REST API for goals and indicators."""

from decimal import Decimal

from ninja import Router
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref
from arvoketju.provenance.selectors import visible

from .models import Goal, Indicator

router = Router()


class GoalOut(FactOut):
    description: str
    metric: str
    target_min: Decimal | None = None
    target_max: Decimal | None = None
    achieved: Decimal | None = None
    evidence: str
    project: Ref | None = None


class IndicatorOut(FactOut):
    code: str
    name: str
    target: Decimal | None = None
    achieved: Decimal | None = None
    evidence: str
    project: Ref | None = None


@router.get("/goals", response=list[GoalOut], summary="Goals with targets and what was achieved")
@paginate(Pagination)
def list_goals(request):
    return visible(Goal.objects.select_related("source", "project"), request.user)


@router.get("/indicators", response=list[IndicatorOut], summary="Indicators such as NO02 and NR01")
@paginate(Pagination)
def list_indicators(request, code: str | None = None):
    indicators = visible(Indicator.objects.select_related("source", "project"), request.user)
    return indicators.filter(code=code) if code else indicators
