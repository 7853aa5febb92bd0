import pytest
from django.core.exceptions import ValidationError

from arvoketju.core.identifiers import (
    business_id_check_digit,
    validate_business_id,
    validate_pic,
    validate_ror,
    validate_vat,
)


@pytest.mark.parametrize("value", ["0737546-2", "2077474-0", "1572860-0"])
def test_valid_business_ids_pass(value):
    assert validate_business_id(value) == value


def test_business_id_wrong_check_digit_says_which_digit_is_expected():
    with pytest.raises(ValidationError) as exc:
        validate_business_id("0737546-3")
    assert exc.value.messages == ["check digit should be 2, not 3"]


@pytest.mark.parametrize("value", ["", "12345678", "0737546", "abcdefg-1", "0737546-22"])
def test_malformed_business_ids_are_rejected_with_the_format(value):
    with pytest.raises(ValidationError) as exc:
        validate_business_id(value)
    assert "format 1234567-8" in exc.value.messages[0] or "check digit" in exc.value.messages[0]


def test_business_id_check_digit_matches_the_modulo_11_rule():
    # 0737546: 0*7+7*9+3*10+7*5+5*8+4*4+6*2 = 196; 196 % 11 = 9; 11 - 9 = 2
    assert business_id_check_digit("0737546") == "2"
    assert business_id_check_digit("0000006") is None  # 6*2 = 12, remainder 1: no valid business ID exists


def test_pic_is_nine_digits():
    assert validate_pic("999999999") == "999999999"
    with pytest.raises(ValidationError, match="nine digits"):
        validate_pic("12345")


def test_ror_checksum_and_url_prefix():
    assert validate_ror("https://ror.org/03yj89h83") == "03yj89h83"
    with pytest.raises(ValidationError, match="checksum should be 83"):
        validate_ror("03yj89h84")
    with pytest.raises(ValidationError, match="not a ROR id"):
        validate_ror("ror")


def test_vat_uses_the_country_rule():
    assert validate_vat("FI07375462") == "FI07375462"
    with pytest.raises(ValidationError, match="not a valid EU VAT number"):
        validate_vat("FI07375463")


@pytest.mark.parametrize(
    "language, message",
    [
        ("fi", "tarkistusnumeron pitäisi olla 2, ei 3"),
        ("sv", "kontrollsiffran ska vara 2, inte 3"),
        ("en", "check digit should be 2, not 3"),
    ],
)
def test_the_message_is_translated(language, message):
    from django.utils import translation

    with translation.override(language), pytest.raises(ValidationError) as exc:
        validate_business_id("0737546-3")
    assert message in exc.value.messages[0]
