"""Assembling a consortium with an exact solver (OR-Tools CP-SAT): plain data in, plain data out.

Every call rule is a hard constraint. When no consortium meets them, each rule is guarded by its own
literal and passed to the solver as an *assumption*: first every rule alone is tried (a rule that is
impossible by itself is named), otherwise rules are dropped one at a time while the rest stay
infeasible, leaving a minimal set of rules that cannot hold together. The objective (integers, see ``objective_value``):

    100 · competences covered  −  25 · redundant coverage  +  Σ candidate terms
    candidate term = round(40 · score) + 30 · proven (favour="proven") or 30 · newcomer (favour="newcomers")
                     − 5 (every member costs a little, so the consortium stays lean)

Alternatives come from *no-good cuts*: after each optimum, the same chosen set is forbidden and the
model solved again, so each alternative is optimal among the consortia not yet shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

COVER, OVERLAP, SCORE, FAVOUR, MEMBER = 100, 25, 40, 30, 5


@dataclass
class Candidate:
    """A possible member: competences it brings, its recommender score (0..1) and attributes the rules use."""

    id: str
    label: str = ""
    type: str = ""
    country: str = ""
    sme: bool = False
    competences: set[str] = field(default_factory=set)
    score: float = 0.0
    proven: bool = False  # has worked with an organisation already in
    newcomer: bool = False  # no earlier projects
    fixed: bool = False  # already in the consortium


@dataclass
class Rules:
    """A call's rules. ``min_types`` e.g. {"company": 1, "university": 1}."""

    required: set[str] = field(default_factory=set)
    wanted: set[str] = field(default_factory=set)
    min_size: int = 3
    max_size: int = 8
    min_types: dict[str, int] = field(default_factory=dict)
    min_sme: int = 0
    min_countries: int = 0
    coordinator_country: str = ""
    min_newcomers: int = 0
    favour: str = "balanced"


@dataclass
class Consortium:
    members: list[str]
    covered: list[str]
    missing: list[str]
    objective: int
    optimal: bool


@dataclass
class Assembly:
    """The outcome: consortia (best first), or the rules that cannot be met together."""

    status: str
    consortia: list[Consortium] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    seconds: float = 0.0


def objective_value(chosen: list[Candidate], rules: Rules) -> int:
    """The objective of a set of members, computed directly (used to check the solver by brute force)."""
    topics = rules.required | rules.wanted
    covered = sum(1 for c in topics if any(c in m.competences for m in chosen))
    redundant = sum(sum(1 for m in chosen if c in m.competences) for c in topics) - covered
    return COVER * covered - OVERLAP * redundant + sum(candidate_term(m, rules) for m in chosen)


def candidate_term(candidate: Candidate, rules: Rules) -> int:
    """The part of the objective one member contributes on its own."""
    term = round(SCORE * candidate.score) - MEMBER
    if rules.favour == "proven" and candidate.proven:
        term += FAVOUR
    if rules.favour == "newcomers" and candidate.newcomer:
        term += FAVOUR
    return term


def rule_checks(candidates: list[Candidate], rules: Rules) -> list[tuple[str, callable]]:
    """(description, function adding the rule's constraint under a literal) for every rule."""
    checks = []
    for competence in sorted(rules.required):
        checks.append(
            (
                _("cover the competence '%(competence)s'") % {"competence": competence},
                lambda model, x, c=competence: model.Add(
                    sum(x[i] for i, m in enumerate(candidates) if c in m.competences) >= 1
                ),
            )
        )
    checks.append(
        (
            _("between %(min)s and %(max)s members") % {"min": rules.min_size, "max": rules.max_size},
            lambda model, x: model.AddLinearConstraint(sum(x), rules.min_size, rules.max_size),
        )
    )
    for kind, count in sorted(rules.min_types.items()):
        checks.append(
            (
                _("at least %(count)s of type %(type)s") % {"count": count, "type": kind},
                lambda model, x, k=kind, n=count: model.Add(
                    sum(x[i] for i, m in enumerate(candidates) if m.type == k) >= n
                ),
            )
        )
    if rules.min_sme:
        checks.append(
            (
                _("at least %(count)s SME(s)") % {"count": rules.min_sme},
                lambda model, x: model.Add(sum(x[i] for i, m in enumerate(candidates) if m.sme) >= rules.min_sme),
            )
        )
    if rules.min_countries:
        checks.append(
            (_("at least %(count)s countries") % {"count": rules.min_countries}, _countries(candidates, rules))
        )
    if rules.coordinator_country:
        checks.append(
            (
                _("a coordinator from %(country)s") % {"country": rules.coordinator_country},
                lambda model, x: model.Add(
                    sum(x[i] for i, m in enumerate(candidates) if m.country == rules.coordinator_country) >= 1
                ),
            )
        )
    if rules.min_newcomers:
        checks.append(
            (
                _("at least %(count)s newcomer(s)") % {"count": rules.min_newcomers},
                lambda model, x: model.Add(
                    sum(x[i] for i, m in enumerate(candidates) if m.newcomer) >= rules.min_newcomers
                ),
            )
        )
    return checks


def _countries(candidates, rules):
    def add(model, x):
        present = []
        for country in sorted({m.country for m in candidates if m.country}):
            flag = model.NewBoolVar("country_" + country)
            model.Add(flag <= sum(x[i] for i, m in enumerate(candidates) if m.country == country))
            present.append(flag)
        return model.Add(sum(present) >= rules.min_countries)

    return add


def _build(candidates: list[Candidate], rules: Rules, *, guarded: bool = False):
    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{i}") for i in range(len(candidates))]
    for i, candidate in enumerate(candidates):
        if candidate.fixed:
            model.Add(x[i] == 1)
    literals = []
    for description, add in rule_checks(candidates, rules):
        if guarded:  # only to find which rules conflict: assumptions weaken presolve
            literal = model.NewBoolVar(description)
            add(model, x).OnlyEnforceIf(literal)
            literals.append((description, literal))
        else:
            add(model, x)
    topics = sorted(rules.required | rules.wanted)
    covered, redundant = [], []
    for competence in topics:
        holders = [x[i] for i, m in enumerate(candidates) if competence in m.competences]
        flag = model.NewBoolVar("cover_" + competence)
        model.Add(flag <= sum(holders)) if holders else model.Add(flag == 0)
        covered.append(flag)
        redundant.append(sum(holders) - flag if holders else 0)
    model.Maximize(
        COVER * sum(covered)
        - OVERLAP * sum(redundant)
        + sum(candidate_term(m, rules) * x[i] for i, m in enumerate(candidates))
    )
    return model, x, covered, topics, literals


def _solve(model, seconds: float):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 8
    return solver, solver.Solve(model)


def assemble(candidates: list[Candidate], rules: Rules, *, alternatives: int = 3, seconds: float = 10.0) -> Assembly:
    """The best consortium and up to ``alternatives - 1`` next best, or the rules that cannot be met."""
    import time

    started = time.perf_counter()
    model, x, covered, topics, _literals = _build(candidates, rules)
    result = Assembly(status="optimal")
    for _round in range(max(1, alternatives)):
        solver, status = _solve(model, seconds)
        if status == cp_model.INFEASIBLE:
            if not result.consortia:
                result.status = "infeasible"
                result.unmet = _minimal_conflict(candidates, rules)
            break
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            result.status = "unknown" if not result.consortia else result.status
            break
        chosen = [i for i in range(len(candidates)) if solver.Value(x[i])]
        got = [t for t, flag in zip(topics, covered, strict=True) if solver.Value(flag)]
        result.consortia.append(
            Consortium(
                [candidates[i].id for i in chosen],
                got,
                sorted(set(topics) - set(got)),
                int(round(solver.ObjectiveValue())),
                status == cp_model.OPTIMAL,
            )
        )
        if status != cp_model.OPTIMAL:
            result.status = "feasible"
        free = [i for i in chosen if not candidates[i].fixed]
        if not free:
            break
        model.Add(sum(x[i] for i in free) <= len(free) - 1)  # no-good cut: not this set again
    result.seconds = time.perf_counter() - started
    return result


def _feasible(candidates, rules, keep: list[int]) -> bool:
    model, _x, _c, _t, literals = _build(candidates, rules, guarded=True)
    model.AddAssumptions([literals[i][1] for i in keep])
    model.ClearObjective()
    _solver, status = _solve(model, 5.0)
    return status != cp_model.INFEASIBLE


def _minimal_conflict(candidates: list[Candidate], rules: Rules) -> list[str]:
    """A minimal set of rules that cannot all hold (each alone first: a rule impossible by itself)."""
    descriptions = [d for d, _add in rule_checks(candidates, rules)]
    alone = [[i] for i in range(len(descriptions)) if not _feasible(candidates, rules, [i])]
    if alone:
        return [descriptions[group[0]] for group in alone]
    keep = list(range(len(descriptions)))
    for i in list(keep):
        trial = [k for k in keep if k != i]
        if not _feasible(candidates, rules, trial):
            keep = trial
    return [descriptions[i] for i in keep]
