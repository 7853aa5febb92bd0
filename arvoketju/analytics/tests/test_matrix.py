"""The matrix rules on small hand-made examples."""

from arvoketju.analytics.matrix import (
    CapabilityRecord,
    DeclarationRecord,
    PlaceNode,
    build_matrix,
    column_totals,
    columns_of_place,
)

REGION_A, REGION_B, TOWN_A1, TOWN_A2, TOWN_B1, PAIR, SITE = 1, 2, 11, 12, 21, 50, 60
PLACES = {
    REGION_A: PlaceNode(REGION_A, "region"),
    REGION_B: PlaceNode(REGION_B, "region"),
    TOWN_A1: PlaceNode(TOWN_A1, "municipality", parent_id=REGION_A),
    TOWN_A2: PlaceNode(TOWN_A2, "municipality", parent_id=REGION_A),
    TOWN_B1: PlaceNode(TOWN_B1, "municipality", parent_id=REGION_B),
    PAIR: PlaceNode(PAIR, "grouping", member_ids=(TOWN_A2, TOWN_B1)),
    SITE: PlaceNode(SITE, "locality", parent_id=TOWN_A1),
}
STAGE, OTHER_STAGE = 100, 200


def capability(pk, holder, place, status="active", stages=(STAGE,)):
    return CapabilityRecord(
        id=pk,
        holder=("organisation", holder),
        holder_name=f"Org {holder}",
        stage_ids=stages,
        place_id=place,
        status=status,
        kind="research",
        basis="stated",
    )


def test_places_fall_into_their_region_or_municipality_columns():
    assert columns_of_place(TOWN_A1, PLACES, "region") == {REGION_A}
    assert columns_of_place(SITE, PLACES, "region") == {REGION_A}
    assert columns_of_place(SITE, PLACES, "municipality") == {TOWN_A1}
    assert columns_of_place(PAIR, PLACES, "region") == {REGION_A, REGION_B}
    assert columns_of_place(PAIR, PLACES, "municipality") == {TOWN_A2, TOWN_B1}
    assert columns_of_place(REGION_A, PLACES, "municipality") == set()
    assert columns_of_place(None, PLACES, "region") == set()
    assert columns_of_place(999, PLACES, "region") == set()


def test_a_holder_counts_once_per_cell_and_active_wins_over_potential():
    cells = build_matrix(
        [
            capability(1, holder=7, place=TOWN_A1, status="potential"),
            capability(2, holder=7, place=TOWN_A2, status="active"),
            capability(3, holder=8, place=TOWN_A1, status="potential"),
            capability(4, holder=8, place=TOWN_A1, status="potential"),
        ],
        [],
        PLACES,
        level="region",
    )
    cell = cells[(STAGE, REGION_A)]
    assert cell.active_count == 1 and cell.potential_count == 1
    assert set(cell.active) == {("organisation", 7)}
    assert sorted(cell.capability_ids) == [1, 2, 3, 4]


def test_a_capability_counts_in_each_of_its_stages_and_nowhere_else():
    cells = build_matrix([capability(1, 7, TOWN_B1, stages=(STAGE, OTHER_STAGE))], [], PLACES, level="region")
    assert set(cells) == {(STAGE, REGION_B), (OTHER_STAGE, REGION_B)}


def test_declarations_are_shown_but_not_counted():
    declaration = DeclarationRecord(id=1, place_id=PAIR, stage_ids=(STAGE,), statement="we will")
    cells = build_matrix([], [declaration], PLACES, level="region")
    assert cells[(STAGE, REGION_A)].declarations == [declaration]
    assert cells[(STAGE, REGION_A)].active_count == 0
    assert column_totals(cells)[REGION_B] == {"active_stages": 0, "potential_stages": 0, "declared_stages": 1}


def test_columns_can_be_limited_to_chosen_places():
    cells = build_matrix(
        [capability(1, 7, TOWN_A1), capability(2, 8, TOWN_A2)], [], PLACES, level="municipality", column_ids=[TOWN_A2]
    )
    assert set(cells) == {(STAGE, TOWN_A2)}


def test_a_place_cycle_does_not_loop_forever():
    looping = {1: PlaceNode(1, "locality", parent_id=2), 2: PlaceNode(2, "locality", parent_id=1)}
    assert columns_of_place(1, looping, "region") == set()
