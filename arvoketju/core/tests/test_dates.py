import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arvoketju.core.dates import format_vague_date, parse_vague_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025", (dt.date(2025, 1, 1), "year")),
        ("2024-10", (dt.date(2024, 10, 1), "month")),
        ("2024-10-02", (dt.date(2024, 10, 2), "day")),
        (2025, (dt.date(2025, 1, 1), "year")),
        (None, (None, "")),
    ],
)
def test_vague_dates_keep_their_precision(text, expected):
    assert parse_vague_date(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "syksy 2025", "24-1-1"])
def test_invalid_dates_are_rejected_with_the_value(text):
    with pytest.raises(ValueError, match=str(text)):
        parse_vague_date(text)


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_format_then_parse_round_trips_at_the_stated_precision(date, precision):
    text = format_vague_date(date, precision)
    parsed, parsed_precision = parse_vague_date(text)
    assert parsed_precision == precision
    assert format_vague_date(parsed, parsed_precision) == text
