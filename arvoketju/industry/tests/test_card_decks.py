"""Card decks: one slide (or page) per card the reader may see, with the card's fields; restricted
cards absent and a confidential investor hidden for readers who may not see them."""

import io

import pytest
from django.core.management import call_command
from pptx import Presentation

from arvoketju.actors.models import Organisation
from arvoketju.industry.cards import card_content, render_pdf
from arvoketju.industry.models import IndustrialArea, InvestmentCard, InvestmentStatusChange

pytestmark = pytest.mark.django_db


def slides_text(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    texts = []
    for slide in deck.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(parts))
    return texts


def test_status_history_sets_the_current_status(cards):
    card = cards["public"]
    assert card.status == "planning"
    assert list(InvestmentStatusChange.objects.filter(card=card).values_list("status", flat=True)) == [
        "idea",
        "planning",
    ]
    assert InvestmentStatusChange.objects.filter(card=card, visibility="public").count() == 2


def test_anonymous_deck_holds_only_public_cards_and_hides_a_confidential_investor(client, cards):
    response = client.get("/en/industry/investments/cards.pptx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.presentationml")
    texts = slides_text(response.content)
    assert len(texts) == 2
    assert not any("Test card B" in text for text in texts)
    card_a = next(text for text in texts if "Test card A" in text)
    for expected in ("Kokkola Industrial Park (KIP)", "Kokkolan kaupunki", "Planning", "120 M€", "80", "40 MW"):
        assert expected in card_a, expected
    assert "12 ha" in card_a and "process water" in card_a
    assert "Idea" in card_a and "Planning" in card_a  # the status history
    card_c = next(text for text in texts if "Test card C" in text)
    assert "confidential" in card_c and "Jyväskylän yliopisto" not in card_c


def test_a_web_deck_over_the_limit_is_refused_with_the_way_out(client, cards, settings):
    settings.ARVOKETJU_DECK_MAX_CARDS = 1
    response = client.get("/en/industry/investments/cards.pdf", {"status": "", "q": "Test"})
    assert response.status_code == 302 and response["Location"].startswith("/en/industry/investments/?")
    page = client.get(response["Location"]).content.decode()
    assert "The view holds 2 cards; a deck downloaded here holds at most 1." in page
    assert "arvoketju export cards" in page
    settings.ARVOKETJU_DECK_MAX_CARDS = 2
    assert client.get("/en/industry/investments/cards.pptx").status_code == 200


def test_links_a_reader_may_not_see_are_left_out_of_public_cards(client, cards, editor):
    card = cards["public"]
    investor, area = card.investor, card.area
    Organisation.objects.filter(pk=investor.pk).update(visibility="restricted")
    IndustrialArea.objects.filter(pk=area.pk).update(visibility="restricted")
    page = client.get("/en/industry/investments/").content.decode()
    assert "Test card A" in page and investor.name not in page
    deck = "\n".join(slides_text(client.get("/en/industry/investments/cards.pptx").content))
    assert "Test card A" in deck and investor.name not in deck and area.name not in deck
    answer = client.get("/api/v1/investment-cards").json()
    row = next(item for item in answer["items"] if item["name"] == "Test card A")
    assert row["investor"] is None and row["area"] is None
    client.force_login(editor)  # editors see every link
    deck = "\n".join(slides_text(client.get("/en/industry/investments/cards.pptx").content))
    assert investor.name in deck and area.name in deck


def test_editor_deck_holds_every_card_and_the_investor(client, cards, editor):
    client.force_login(editor)
    texts = slides_text(client.get("/en/industry/investments/cards.pptx").content)
    assert len(texts) == 3
    card_b = next(text for text in texts if "Test card B" in text)
    assert "Kymenlaakso" in card_b and "150 MW" in card_b and "60 ha" in card_b
    assert "Jyväskylän yliopisto" in next(text for text in texts if "Test card C" in text)


def test_member_does_not_see_restricted_cards_and_filters_apply(client, cards, member):
    client.force_login(member)
    texts = slides_text(client.get("/en/industry/investments/cards.pptx?status=decision").content)
    assert len(texts) == 1 and "Test card C" in texts[0]
    assert slides_text(client.get("/en/industry/investments/cards.pptx?status=nonsense").content).__len__() == 2


def test_pdf_has_the_same_cards(client, cards):
    response = client.get("/en/industry/investments/cards.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert client.get("/en/industry/investments/cards.doc").status_code == 404
    # one page per card, as many as the slides of the same view
    content = card_content(InvestmentCard.objects.order_by("name"), show_confidential=True)
    assert render_pdf(content, io.BytesIO()) == len(content) == 3


def test_command_line_deck_follows_the_visibility_level(cards, tmp_path):
    public = tmp_path / "public.pptx"
    call_command("export", "cards", str(public))
    assert sorted(t.split("\n")[0] for t in slides_text(public.read_bytes())) == ["Test card A", "Test card C"]
    everything = tmp_path / "all.pptx"
    call_command("export", "cards", str(everything), "--visibility", "restricted", "--region", "region-08")
    texts = slides_text(everything.read_bytes())
    assert len(texts) == 1 and "Test card B" in texts[0]
    pdf = tmp_path / "cards.pdf"
    call_command("export", "cards", "--format", "pdf", str(pdf))  # options may come before the file
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_status_change_saved_in_the_admin_moves_the_card(client, cards, editor):
    card = cards["restricted"]
    client.force_login(editor)
    response = client.post(
        "/en/admin/industry/investmentstatuschange/add/",
        {
            "card": card.pk,
            "status": "construction",
            "changed_on": "2025-05-02",
            "source": card.source_id,
            "locator": "site visit",
            "visibility": "restricted",
        },
    )
    assert response.status_code == 302, response.content[:500]
    card.refresh_from_db()
    assert card.status == "construction"


def test_api_lists_cards_with_history_and_assessments(client, cards, assessed, editor):
    items = client.get("/api/v1/investment-cards", {"limit": 50}).json()["items"]
    by_name = {item["name"]: item for item in items}
    assert set(by_name) == {"Test card A", "Test card C"}
    assert [s["status"] for s in by_name["Test card A"]["status_history"]] == ["idea", "planning"]
    assert by_name["Test card C"]["investor"] is None
    client.force_login(editor)
    items = client.get("/api/v1/investment-cards", {"limit": 50}).json()["items"]
    assert {item["name"] for item in items} == {"Test card A", "Test card B", "Test card C"}
    assert next(i for i in items if i["name"] == "Test card C")["investor"] is not None
    rows = client.get("/api/v1/assessments", {"limit": 50}).json()["items"]
    assert sorted(row["score"] for row in rows) == [2, 3, 4, 5]
    assert all(row["sources"] and row["evidence"] for row in rows)


def test_api_assessments_of_an_area_the_caller_may_not_see_are_left_out(client, assessed, editor):
    kotka = assessed["kotka"]
    public_rows = client.get("/api/v1/assessments", {"limit": 50}).json()["items"]
    assert any(row["area"]["id"] == kotka.pk for row in public_rows)
    IndustrialArea.objects.filter(pk=kotka.pk).update(visibility="restricted")
    rows = client.get("/api/v1/assessments", {"limit": 50}).json()["items"]
    assert rows and not any(row["area"]["id"] == kotka.pk for row in rows)
    client.force_login(editor)
    rows = client.get("/api/v1/assessments", {"limit": 50}).json()["items"]
    assert any(row["area"]["id"] == kotka.pk for row in rows)
