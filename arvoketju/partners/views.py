"""The partner-finder page."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from .finder import FinderRequest, find_partners
from .forms import PartnerFinderForm


def _link(ref: str) -> str:
    try:
        return reverse("web:organisation", args=[ref])
    except NoReverseMatch:
        return ""


def partner_finder(request):
    """Build a call profile with the user, show ranked partners and, on request, consortia."""
    asked = bool(request.GET)
    form = PartnerFinderForm(request.GET or None)
    answer, errors = None, []
    if asked and form.is_valid():
        try:
            finder = FinderRequest(**form.finder_values(), assemble="assemble" in request.GET)
            answer = find_partners(user=request.user, request=finder)
        except ValidationError as exc:
            errors = [message for messages in exc.message_dict.values() for message in messages]
        if answer:
            for partner in answer["partners"]:
                partner["url"] = _link(partner["id"])
                partner["parts"] = sorted(partner["scores"].items())
    return render(
        request, "partners/finder.html", {"nav": "partners", "form": form, "answer": answer, "errors": errors}
    )
