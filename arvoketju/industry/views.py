"""Pages for industrial areas: the list and profiles, the comparison, the pyramid, the investment
pipeline with its card deck download, and site matching. Reads go through ``selectors``; bad query
values become form errors or are ignored, never a server error."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from arvoketju.accounts.selectors import is_editor
from arvoketju.provenance.selectors import shown_if_visible, visible
from arvoketju.provenance.services import Actor, ConflictError, editor_source
from arvoketju.taxonomy.models import Stage

from . import cards as card_decks
from . import charts, selectors
from .forms import AssessmentDateForm, AssessmentForm, CardFilterForm, CompareForm, SiteMatchForm
from .matching import Needs, match_sites
from .models import Assessment
from .services import AspectScore, area_assess

AREA_FIELDS = ("total_area_ha", "free_land_ha", "grid_capacity_mw")
AREA_TEXTS = ("energy", "water", "permits", "services", "safety")


def areas(request):
    """Every industrial area the reader may see, unknown values shown as unknown."""
    rows = [(area, selectors.area_region(area)) for area in selectors.area_list(user=request.user)]
    return render(request, "industry/areas.html", {"nav": "industry", "rows": rows})


def area(request, key):
    """One area's profile: facts (unknown shown as unknown), latest assessments, best practices,
    investment cards the reader may see and the operator's contacts (restricted)."""
    found = selectors.area_list(user=request.user).filter(key=key).first()
    if found is None:
        raise Http404(_("No such industrial area."))
    assessments = list(selectors.assessments_of(areas=[found], user=request.user))
    latest = selectors.latest_scores(assessments)
    numbers = [(found._meta.get_field(name).verbose_name, getattr(found, name)) for name in AREA_FIELDS]
    access = [(found._meta.get_field(name).verbose_name, getattr(found, name)) for name in ("port", "rail", "road")]
    texts = [(found._meta.get_field(name).verbose_name, getattr(found, name)) for name in AREA_TEXTS]
    context = {
        "nav": "industry",
        "area": found,
        "operator": shown_if_visible(found.operator, request.user),
        "region": selectors.area_region(found),
        "numbers": numbers,
        "access": access,
        "texts": texts,
        "latest": sorted(latest.values(), key=lambda a: (a.element.level.order, a.element.order)),
        "assessments": assessments,
        "practices": visible(found.best_practices.all(), request.user),
        "cards": selectors.card_list(user=request.user, area=found.key) if found.key else [],
        "contacts": selectors.area_contacts(area=found, user=request.user),
        "sees_restricted": is_editor(request.user),
    }
    return render(request, "industry/area.html", context)


def compare(request):
    """Areas side by side: the latest score per aspect as a bar chart and a table, and each area's
    mean score over time."""
    all_areas = list(selectors.area_list(user=request.user))
    form = CompareForm(request.GET or None, areas=all_areas)
    chosen_keys = form.cleaned_data["area"] if form.is_bound and form.is_valid() else []
    chosen = [a for a in all_areas if a.key in chosen_keys]
    model = selectors.pyramid_model(user=request.user)
    context = {"nav": "industry", "form": form, "chosen": chosen, "model": model}
    if model is not None and chosen:
        aspect_list = selectors.aspects(model=model, user=request.user)
        assessments = list(selectors.assessments_of(areas=chosen, user=request.user))
        latest = selectors.latest_scores(assessments)
        rows = []
        for aspect in aspect_list:
            cells = [latest.get((a.pk, aspect.pk)) for a in chosen]
            rows.append((aspect, cells))
        context["rows"] = rows
        context["chart"] = charts.bar_chart(
            [(aspect.localised(), [c.score if c else None for c in cells]) for aspect, cells in rows],
            [a.name for a in chosen],
            model.scale_min,
            model.scale_max,
        )
        history = selectors.score_history(assessments)
        series = [(a.name, history.get(a.pk, [])) for a in chosen]
        context["history"] = series
        context["history_chart"] = charts.history_chart(series, model.scale_min, model.scale_max)
    return render(request, "industry/compare.html", context)


def pyramid(request):
    """The pyramid model: levels and aspects with the workshop viewpoints placed on them and the best
    practices per aspect; drivers and megatrends beside it."""
    model = selectors.pyramid_model(user=request.user)
    overview = selectors.pyramid_overview(model=model, user=request.user) if model is not None else None
    return render(request, "industry/pyramid.html", {"nav": "industry", "model": model, "overview": overview})


def _card_form(request):
    user = request.user
    stages = visible(Stage.objects.all(), user).order_by("kind", "order")
    return CardFilterForm(
        request.GET,
        regions=selectors.regions(user=user),
        stages=stages,
        areas=selectors.area_list(user=user),
    )


def investments(request):
    """The investment pipeline: cards by status, counts by stage and the totals of needs per region."""
    form = _card_form(request)
    filters = form.filters()
    cards = list(selectors.card_list(user=request.user, **filters))
    for card in cards:
        card.shown_investor = selectors.investor_shown(card, request.user)
        card.region = selectors.card_region(card)
    summary = selectors.pipeline_summary(cards)
    columns = [
        (value, label, [card for card in cards if card.status == value]) for value, label, _count in summary["statuses"]
    ]
    query = request.GET.urlencode()
    context = {
        "nav": "industry",
        "form": form,
        "cards": cards,
        "summary": summary,
        "columns": columns,
        "query": query,
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "industry/investments.html", context)


def investment_deck(request, fmt):
    """The cards of the filtered pipeline as a PPTX deck or a PDF, only the cards the reader may see."""
    if fmt not in card_decks.CARD_FORMATS:
        raise Http404(_("Unknown format."))
    form = _card_form(request)
    cards = list(selectors.card_list(user=request.user, **form.filters()))
    limit = settings.ARVOKETJU_DECK_MAX_CARDS
    if len(cards) > limit:
        messages.error(
            request,
            _(
                "The view holds %(count)s cards; a deck downloaded here holds at most %(limit)s. Narrow the "
                "filters, or make the deck with the command: arvoketju export cards."
            )
            % {"count": len(cards), "limit": limit},
        )
        return redirect(reverse("industry:investments") + ("?" + request.GET.urlencode() if request.GET else ""))
    content = card_decks.card_content(cards, show_confidential=is_editor(request.user))
    buffer = io.BytesIO()
    card_decks.render(fmt, content, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=card_decks.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="investment-cards.{fmt}"'
    return response


def site_matching(request):
    """Rank the areas that meet an investment's hard limits, with reasons and missing data."""
    user = request.user
    form = SiteMatchForm(request.GET or None, regions=selectors.regions(user=user))
    groups = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        needs = Needs(
            min_free_land_ha=data["min_free_land_ha"],
            min_grid_mw=data["min_grid_mw"],
            require=frozenset(data["require"]),
            prefer=frozenset(data["prefer"]),
            prefer_region=data["prefer_region"] or "",
        )
        groups = match_sites(selectors.site_facts(user=user), needs)
    return render(request, "industry/site_matching.html", {"nav": "industry", "form": form, "groups": groups})


def assess(request, key):
    """Editors score an area on the pyramid's aspects for one date (``?on=YYYY-MM-DD``, today by
    default): every row is checked, all are saved or none, and an assessment another editor saved
    for the same day after this form was loaded is never overwritten."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    if not is_editor(request.user):
        raise PermissionDenied
    found = selectors.area_list(user=request.user).filter(key=key).first()
    model = selectors.pyramid_model(user=request.user)
    if found is None or model is None:
        raise Http404(_("No such industrial area."))
    day_form = AssessmentDateForm(request.GET)
    day = day_form.cleaned_data["on"] if day_form.is_valid() else None
    aspect_list = selectors.aspects(model=model, user=request.user)
    existing = {a.element_id: a for a in Assessment.objects.filter(area=found, assessed_on=day)} if day else {}
    form = AssessmentForm(
        request.POST if request.method == "POST" and day else None,
        aspects=aspect_list,
        scale=(model.scale_min, model.scale_max),
        labels=model.scale_labels,
        existing=existing,
    )
    if request.method == "POST" and day and form.is_valid():
        actor = Actor.for_user(request.user)
        try:
            area_assess(
                area=found,
                assessed_on=day,
                scores=[AspectScore(*row) for row in form.scores()],
                source=editor_source(user=request.user, actor=actor),
                locator=_("assessment form"),
                actor=actor,
                assessor=form.cleaned_data["assessor"],
            )
        except ConflictError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            messages.success(
                request, _("Saved %(count)s assessment(s) of %(area)s.") % {"count": len(form.scores()), "area": found}
            )
            return redirect("industry:area", key=found.key)
    status = 400 if request.method == "POST" else 200
    context = {"nav": "industry", "area": found, "model": model, "day_form": day_form, "day": day, "form": form}
    return render(request, "industry/assess.html", context, status=status)
