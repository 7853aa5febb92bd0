"""REST API for the partner finder: recommendations with explanations, consortia, vocabulary matching."""

from ninja import Field, Query, Router, Schema

from .finder import FinderRequest, find_partners, parse_minimums
from .selectors import vocabulary_match

router = Router()


class FinderQuery(Schema):
    competence: list[str] = Field([], description="competence key or stage:KEY the call needs (repeatable)")
    text: str = Field("", max_length=5000, description="free text matched to the vocabulary")
    topic: list[str] = Field([], description="call topic code (repeatable)")
    member: list[str] = Field([], description="an organisation already in: key, id or name (repeatable)")
    type: list[str] = Field([], description="only organisations of this type (repeatable)")
    country: list[str] = Field([], description="only organisations from this country code (repeatable)")
    favour: str = Field("balanced", pattern="^(balanced|proven|newcomers)$")
    limit: int = Field(20, ge=1, le=1000)
    assemble: bool = Field(False, description="also assemble consortia with CP-SAT")
    min_size: int = Field(3, ge=1, le=30)
    max_size: int = Field(8, ge=1, le=30)
    min_type: list[str] = Field([], description="TYPE:N, e.g. company:1 (repeatable)")
    min_sme: int = Field(0, ge=0, le=30)
    min_countries: int = Field(0, ge=0, le=30)
    coordinator_country: str = Field("", max_length=2)
    min_newcomers: int = Field(0, ge=0, le=30)
    alternatives: int = Field(3, ge=1, le=10)


class PartnerOut(Schema):
    id: str
    name: str
    type: str
    country: str
    rank: int
    score: float
    scores: dict[str, float]
    explanation: str
    facts: list[dict]


class FinderOut(Schema):
    competences: list[dict]
    members: list[dict]
    partners: list[PartnerOut]
    consortium: dict | None = None
    seconds: float


class VocabularyQuery(Schema):
    text: str = Field("", max_length=5000, description="free text")


class VocabularyOut(Schema):
    competences: list[str]


def _minimums(items: list[str]) -> dict[str, int]:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    try:
        return parse_minimums(items, ":")
    except ValueError:
        raise ValidationError({"min_type": [_("write TYPE:N, e.g. company:1")]}) from None


@router.get("/partners/recommend", response=FinderOut, summary="Recommend partners for a call; assemble consortia")
def recommend_partners(request, query: Query[FinderQuery]):
    """Ranked partners with their scores, an explanation and the facts behind it; with ``assemble``,
    up to ``alternatives`` consortia meeting the rules (proven optimal) or the rules that cannot be met."""
    finder = FinderRequest(
        competences=query.competence,
        text=query.text,
        topics=query.topic,
        members=query.member,
        types=query.type,
        countries=query.country,
        favour=query.favour,
        limit=query.limit,
        assemble=query.assemble,
        min_size=query.min_size,
        max_size=query.max_size,
        min_types=_minimums(query.min_type),
        min_sme=query.min_sme,
        min_countries=query.min_countries,
        coordinator_country=query.coordinator_country,
        min_newcomers=query.min_newcomers,
        alternatives=query.alternatives,
    )
    return find_partners(user=request.user, request=finder)


@router.get("/partners/vocabulary", response=VocabularyOut, summary="Competences and stages a text mentions")
def match_vocabulary(request, query: Query[VocabularyQuery]):
    return vocabulary_match(text=query.text)
