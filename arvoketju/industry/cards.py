"""Card decks: the investment cards of a filtered view as a PowerPoint deck (one card per slide) or a
PDF (one card per page, the same content), for the web download and ``arvoketju export cards``.

``card_content`` turns cards into plain data, already filtered by what the reader may see (the caller
passes only visible cards and says whether a confidential investor may be shown); the two renderers
only lay that data out, so both formats always hold the same fields."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

CARD_FORMATS = ("pptx", "pdf")
CONTENT_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


def _value(value, unit: str = "") -> str:
    if value is None or value == "":
        return _("unknown")
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)  # 120.0 → 120
    if unit:
        return f"{formats.number_format(value)} {unit}"
    return str(value)


def card_content(cards, *, show_confidential: bool) -> list[dict]:
    """Plain data per card: ``title``, ``facts`` and ``needs`` as (label, value) pairs, ``history``
    as lines, ``source``. Unknown values read "unknown"; a confidential investor reads "confidential"
    unless ``show_confidential``."""
    content = []
    for card in cards:
        if card.investor_id is None:
            investor = _("unknown")
        elif card.investor_confidential and not show_confidential:
            investor = _("confidential")
        else:
            investor = card.investor.name
        place = card.place or (card.area.place if card.area_id else None)
        region = place.region if place is not None else None
        facts = [
            (_("Industrial area"), _value(card.area.name if card.area_id else None)),
            (_("Place"), _value(place.name_fi if place else None)),
            (_("Region"), _value(region.name_fi if region else None)),
            (_("Investor"), investor),
            (_("Value-chain stage"), _value(card.stage.localised() if card.stage_id else None)),
            (_("Status"), capfirst(card.get_status_display())),
            (_("Capital expenditure"), _value(card.capex_meur, "M€")),
            (_("Jobs"), _value(card.jobs)),
            (_("Timeline"), _value(card.timeline)),
        ]
        needs = [
            (_("Electricity"), _value(card.need_electricity_mw, "MW")),
            (_("Grid connection"), _value(card.need_grid_connection)),
            (_("Water"), _value(card.need_water)),
            (_("Land"), _value(card.need_land_ha, "ha")),
            (_("Logistics"), _value(card.need_logistics)),
            (_("Permits"), _value(card.need_permits)),
        ]
        history = [
            "{} · {}".format(
                formats.date_format(change.changed_on, "SHORT_DATE_FORMAT"), capfirst(change.get_status_display())
            )
            for change in getattr(card, "history", None) or card.status_changes.all()
        ]
        source = card.source.title + (" — " + card.locator if card.locator else "")
        content.append(
            {
                "key": card.key or str(card.pk),
                "title": card.name,
                "facts": facts,
                "needs": needs,
                "history": history,
                "source": source,
                "visibility": str(card.get_visibility_display()),
            }
        )
    return content


def render_pptx(content: list[dict], target) -> int:
    """Write a 16:9 deck, one slide per card, to ``target`` (a path or a binary file); return the
    number of slides."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Cm, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Cm(33.867), Cm(19.05)
    blank = deck.slide_layouts[6]
    accent = RGBColor(0x1F, 0x4E, 0x79)

    def box(slide, left, top, width, height, lines, *, size=12, bold_first=False, colour=None):
        frame = slide.shapes.add_textbox(Cm(left), Cm(top), Cm(width), Cm(height)).text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold_first and index == 0
            if colour is not None:
                run.font.color.rgb = colour
        return frame

    def table(slide, left, top, width, heading, rows):
        box(slide, left, top, width, 1, [heading], size=14, bold_first=True, colour=accent)
        shape = slide.shapes.add_table(len(rows), 2, Cm(left), Cm(top + 1.1), Cm(width), Cm(0.8 * len(rows)))
        shape.table.columns[0].width = Cm(width * 0.4)
        shape.table.columns[1].width = Cm(width * 0.6)
        for row_index, (label, value) in enumerate(rows):
            for column, text in enumerate((label, value)):
                cell = shape.table.cell(row_index, column)
                cell.text = text
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(11)
                        run.font.bold = column == 0

    for card in content:
        slide = deck.slides.add_slide(blank)
        box(slide, 1.2, 0.8, 31.5, 1.8, [card["title"]], size=28, bold_first=True, colour=accent)
        box(slide, 1.2, 2.5, 31.5, 0.8, ["{} · {}".format(_("Investment card"), card["visibility"])], size=11)
        table(slide, 1.2, 3.5, 15.5, _("The investment"), card["facts"])
        table(slide, 17.5, 3.5, 15.2, _("Needs"), card["needs"])
        history = card["history"] or [_("no status changes recorded")]
        box(slide, 17.5, 10.4, 15.2, 4, [_("Status history")] + history, size=11, bold_first=True)
        box(slide, 1.2, 17.3, 31.5, 1.2, ["{}: {}".format(_("Source"), card["source"])], size=9)
        slide.notes_slide.notes_text_frame.text = card["key"]
    deck.save(target)
    return len(content)


def render_pdf(content: list[dict], target) -> int:
    """Write the same cards as a PDF, one card per A4 landscape page; return the number of pages."""
    from weasyprint import HTML

    document = HTML(string=render_to_string("industry/card_deck_pdf.html", {"cards": content})).render()
    document.write_pdf(target)
    return len(document.pages)


def render(fmt: str, content: list[dict], target) -> int:
    """Render ``content`` as ``fmt`` (pptx or pdf) into ``target``."""
    if fmt == "pptx":
        return render_pptx(content, target)
    if fmt == "pdf":
        return render_pdf(content, target)
    raise ValueError(fmt)
