"""Finnish-aware word forms: inflected and compound words meet their base forms."""

import pytest

from arvoketju.search import analysis
from arvoketju.search.analysis import index_terms, query_terms, words


def matches(query: str, text: str) -> bool:
    terms = index_terms(text)
    return all(alternatives & terms for alternatives in query_terms(query))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("akkukennojen", "Akkukenno"),
        ("katodimateriaaleja", "Katodimateriaali"),
        ("Kokkolan", "Kokkola"),
        ("ammattikorkeakoulun", "Centria-ammattikorkeakoulu"),
        ("batterier", "Batteri"),
        ("batteries", "battery"),
        ("centria", "Centria-ammattikorkeakoulu Oy"),
    ],
)
def test_an_inflected_word_finds_its_base_form(query, text):
    assert matches(query, text)


def test_a_word_does_not_find_an_unrelated_one():
    assert not matches("katodi", "anodimateriaali ja elektrolyytti")
    assert not matches("akkukennojen", "akkumateriaalien kierrätys")


def test_every_word_of_the_query_must_match():
    assert matches("litium kierrätys", "Litiumakkujen kierrätys")
    assert not matches("litium kaivos", "Litiumakkujen kierrätys")


def test_stopwords_are_dropped_from_longer_queries_but_a_lone_word_is_kept():
    assert len(query_terms("kierrätys ja akut")) == 2
    assert len(query_terms("ja")) == 1


def test_words_split_hyphens_and_fold_case_but_keep_finnish_letters():
    assert words("Pori-Harjavalta ÄÄNEKOSKI") == ["pori", "harjavalta", "äänekoski"]
    assert words("") == []


@pytest.mark.skipif(not analysis.finnish_analyser_available(), reason="Voikko is not installed")
def test_with_voikko_a_compound_part_finds_the_compound():
    assert matches("kenno", "akkukenno")
    assert matches("akkujen", "litiumioniakku")
    assert matches("Porin", "Pori")
    assert matches("kierrätyksen", "kierrätys")


def test_without_voikko_the_stemmers_still_meet_inflected_forms(monkeypatch):
    monkeypatch.setattr(analysis, "_voikko", lambda: None)
    analysis._analyse.cache_clear()
    try:
        assert matches("akkukennojen", "akkukenno")
        assert matches("katodimateriaaleja", "katodimateriaali")
    finally:
        analysis._analyse.cache_clear()
