"""Site matching: hard limits are never violated, unknown data is named, the ranking is explained."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from arvoketju.industry.matching import ACCESS, Needs, Site, match_sites


def site(key, **values):
    return Site(key=key, name=key.upper(), **values)


def test_hard_limits_rank_and_reasons():
    sites = [
        site("big", free_land_ha=Decimal(80), grid_capacity_mw=Decimal(200), port=True, rail=False),
        site("bigger-grid", free_land_ha=Decimal(60), grid_capacity_mw=Decimal(300), port=False, rail=True),
        site("small", free_land_ha=Decimal(20), grid_capacity_mw=Decimal(500), port=True),
        site("unknown-grid", free_land_ha=Decimal(90), port=True),
    ]
    needs = Needs(min_free_land_ha=Decimal(50), min_grid_mw=Decimal(100), prefer=frozenset({"port"}))
    groups = match_sites(sites, needs)
    # "big" meets the preference (port) so it ranks above "bigger-grid" despite the smaller grid
    assert [m.site.key for m in groups["qualifying"]] == ["big", "bigger-grid"]
    big = groups["qualifying"][0]
    assert big.points == 1
    assert "free land (ha) 80 ≥ 50" in big.reasons
    assert "grid capacity (MW) 200 ≥ 100" in big.reasons
    assert "preferred: has port access" in big.reasons
    assert [m.site.key for m in groups["unknown"]] == ["unknown-grid"]
    assert groups["unknown"][0].missing == ["grid capacity unknown"]
    assert [m.site.key for m in groups["excluded"]] == ["small"]
    assert groups["excluded"][0].failures == ["free land (ha) 20 < 50"]


def test_equal_preferences_rank_by_grid_then_land_then_name():
    sites = [
        site("b", free_land_ha=Decimal(10), grid_capacity_mw=Decimal(50)),
        site("a", free_land_ha=Decimal(10), grid_capacity_mw=Decimal(50)),
        site("c", free_land_ha=Decimal(30), grid_capacity_mw=Decimal(50)),
        site("d", free_land_ha=Decimal(1), grid_capacity_mw=Decimal(70)),
    ]
    groups = match_sites(sites, Needs())
    assert [m.site.key for m in groups["qualifying"]] == ["d", "c", "a", "b"]


def test_required_access_and_preferred_region():
    sites = [
        site("no-rail", rail=False, region="r1"),
        site("rail-unknown", region="r1"),
        site("rail-elsewhere", rail=True, region="r2"),
        site("rail-here", rail=True, region="r1"),
    ]
    groups = match_sites(sites, Needs(require=frozenset({"rail"}), prefer_region="r1"))
    assert [m.site.key for m in groups["qualifying"]] == ["rail-here", "rail-elsewhere"]
    assert "preferred: in the region" in groups["qualifying"][0].reasons
    assert groups["unknown"][0].missing == ["rail access unknown"]
    assert groups["excluded"][0].failures == ["no rail access"]


optional_number = st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=1))
optional_bool = st.one_of(st.none(), st.booleans())
sites_strategy = st.lists(
    st.builds(
        Site,
        key=st.uuids().map(str),
        name=st.text(min_size=1, max_size=5),
        region=st.sampled_from(["", "r1", "r2"]),
        free_land_ha=optional_number,
        grid_capacity_mw=optional_number,
        port=optional_bool,
        rail=optional_bool,
        road=optional_bool,
    ),
    max_size=12,
)
needs_strategy = st.builds(
    Needs,
    min_free_land_ha=optional_number,
    min_grid_mw=optional_number,
    require=st.frozensets(st.sampled_from(ACCESS)),
    prefer=st.frozensets(st.sampled_from(ACCESS)),
    prefer_region=st.sampled_from(["", "r1"]),
)


@settings(max_examples=100, deadline=None)
@given(sites=sites_strategy, needs=needs_strategy)
def test_hard_limits_are_never_violated(sites, needs):
    groups = match_sites(sites, needs)
    assert sum(len(g) for g in groups.values()) == len(sites)
    for match in groups["qualifying"]:
        s = match.site
        if needs.min_free_land_ha is not None:
            assert s.free_land_ha is not None and s.free_land_ha >= needs.min_free_land_ha
        if needs.min_grid_mw is not None:
            assert s.grid_capacity_mw is not None and s.grid_capacity_mw >= needs.min_grid_mw
        for name in needs.require:
            assert getattr(s, name) is True
    for match in groups["unknown"]:
        assert match.missing and not match.failures
    for match in groups["excluded"]:
        assert match.failures
    points = [m.points for m in groups["qualifying"]]
    assert points == sorted(points, reverse=True)
