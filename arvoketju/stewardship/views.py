"""The public link pages: no account, the token in the address is the key, scoped to one
organisation. They only create change requests; editors review them in the admin."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from .forms import OrganisationUpdateForm, SurveyForm
from .models import LinkKind
from .selectors import LinkUnusable, link_for_token, organisation_summary
from .services import TooManySubmissions, change_request_submit, link_record_use

MAX_BODY = 200_000  # bytes: a survey with every row filled stays far below this


def _unusable(request, status: int, reason: str):
    messages = {
        "unknown": _("This link is not valid. Check that you copied the whole address."),
        "expired": _("This link has expired. Ask the data stewards for a new one."),
        "revoked": _("This link has been withdrawn. Ask the data stewards for a new one."),
        "too_many": _("This link has been used as many times as it may. Ask the data stewards for a new one."),
        "too_large": _("The form was too large to accept."),
    }
    return render(request, "stewardship/unusable.html", {"message": messages[reason]}, status=status)


def _open(request, token: str, kind: str):
    link = link_for_token(token, kind=kind)
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        raise LinkUnusable(413, "too_large")
    return link


def _submit(request, link, form, **proposal):
    try:
        change = change_request_submit(
            link=link,
            name=form.cleaned_data["submitted_name"],
            email=form.cleaned_data.get("submitted_email") or "",
            **proposal,
        )
    except TooManySubmissions:
        return _unusable(request, 429, "too_many")
    return render(request, "stewardship/thanks.html", {"organisation": link.organisation, "change": change})


@never_cache
@csrf_protect
def update_form(request, token):
    """The organisation's record as the registry has it now; changes become a change request."""
    try:
        link = _open(request, token, LinkKind.UPDATE)
    except LinkUnusable as exc:
        return _unusable(request, exc.status, exc.reason)
    organisation = link.organisation
    if request.method == "POST":
        form = OrganisationUpdateForm(request.POST, organisation=organisation)
        if form.is_valid():
            changes, identifiers, seen = form.changes()
            return _submit(request, link, form, organisation_changes=changes, identifier_changes=identifiers, seen=seen)
    else:
        link_record_use(link=link)
        form = OrganisationUpdateForm(organisation=organisation)
    return render(
        request,
        "stewardship/update.html",
        {"link": link, "organisation": organisation, "form": form, "summary": organisation_summary(organisation)},
    )


@never_cache
@csrf_protect
def survey_form(request, token):
    """A survey for one organisation; the answers become a change request mapped to model rows."""
    try:
        link = _open(request, token, LinkKind.SURVEY)
    except LinkUnusable as exc:
        return _unusable(request, exc.status, exc.reason)
    organisation, survey = link.organisation, link.survey
    if request.method == "POST":
        form = SurveyForm(request.POST, survey=survey, organisation=organisation)
        if form.is_valid():
            proposal = form.proposal()
            return _submit(
                request,
                link,
                form,
                organisation_changes=proposal["organisation"],
                rows=proposal["rows"],
                answers=proposal["answers"],
            )
    else:
        link_record_use(link=link)
        form = SurveyForm(survey=survey, organisation=organisation)
    return render(
        request,
        "stewardship/survey.html",
        {
            "link": link,
            "organisation": organisation,
            "survey": survey,
            "form": form,
            "summary": organisation_summary(organisation),
        },
    )
