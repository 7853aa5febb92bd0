"""The analyses page and the situational report on the battery dataset: sections, numbers, formats."""

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from arvoketju.analytics import health
from arvoketju.analytics.selectors_analyses import analyses

pytestmark = pytest.mark.django_db
AS_OF = "2025-08-31"
SECTIONS = ["specialisation", "declared", "opportunities", "overlap", "gaps", "network", "growth", "pipeline", "goals"]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def workshop_rows(html: str) -> list[str]:
    table = re.search(r'data-series="teollisuusalueiden-tyopajat".*?</table>', html, re.S).group(0)
    return re.findall(r"<tr>.*?</tr>", table, re.S)[1:]


def test_the_analyses_page_shows_every_section_and_the_battery_findings(client):
    response = client.get(reverse("reports:analyses"), {"as_of": AS_OF, "compare": "2024-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS:
        assert f'id="{section}"' in html
    # the declared-vs-evidenced table: one row per declared topic of each partner city
    a = analyses(None, as_of=date(2025, 8, 31))
    assert html.count("<tr data-verdict=") == len(a.declared) + len(a.goals) + len(a.indicators)
    assert 'data-place="kuopio"' in html and 'data-place="kokkola"' in html
    # the workshop series: participants and new places per workshop, with the new places named
    rows = workshop_rows(html)
    assert len(rows) == 4
    participants = [re.findall(r'<td class="num">([^<]*)</td>', row)[0] for row in rows]
    assert participants == ["13", "20", "21", "37"]
    new_places = [int(re.search(r'class="new-places"><span class="num">(\d+)', row).group(1)) for row in rows]
    assert new_places == [7, 8, 2, 7]
    assert "Pyhäjoki" in rows[3] and "Luoto" in rows[3]
    # every number links to the facts behind it: a specialisation cell opens the matrix cell
    assert "/matrix/?columns=region&amp;as_of=2025-08-31&amp;cell=battery-chemicals@" in html
    assert reverse("reports:report", args=["pdf"]) + "?as_of=2025-08-31&amp;compare=2024-01-01" in html


@pytest.mark.parametrize("query", [{"as_of": "2025-13-45"}, {"as_of": "yesterday"}, {"compare": "1800-01-01"}])
def test_bad_dates_are_a_clear_400(client, query):
    response = client.get(reverse("reports:analyses"), query)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode() or "1900" in response.content.decode()
    download = client.get(reverse("reports:report", args=["html"]), query)
    assert download.status_code == 400


def test_an_unknown_report_format_is_not_found(client):
    assert client.get(reverse("reports:report", args=["docx"])).status_code == 404


def test_the_report_in_html_and_xlsx_from_the_web(client):
    response = client.get(reverse("reports:report", args=["html"]), {"as_of": AS_OF})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Situational report" in html and "2025-08-31" in html
    workbook = client.get(reverse("reports:report", args=["xlsx"]), {"as_of": AS_OF})
    assert workbook["Content-Disposition"] == 'attachment; filename="tilannekuva-2025-08-31.xlsx"'
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook.content))
    series = book[book.sheetnames[5]]
    rows = [
        row
        for row in series.iter_rows(values_only=True)
        if row[0] == "Teollisuusalueiden parhaat käytännöt -työpajasarja"
    ]
    assert [(row[3], row[5]) for row in rows] == [(13, 7), (20, 8), (21, 2), (37, 7)]


def run_report(fmt: str, output):
    """``arvoketju report`` in English as of AS_OF, compared with 2024-01-01."""
    call_command(
        "report", "--as-of", AS_OF, "--compare", "2024-01-01", "--lang", "en", "--format", fmt, "--output", str(output)
    )


def test_the_report_as_html_and_pdf_with_sections_and_numbers(tmp_path):
    html_file, xlsx_file = tmp_path / "r.html", tmp_path / "r.xlsx"
    run_report("html", html_file)
    html = html_file.read_text()
    text = text_of(html)
    for heading in [
        "Regional specialisation",
        "Declared vs evidenced: the partner cities",
        "Gaps",
        "Network health",
        "Growth",
        "Goals and indicators",
    ]:
        assert heading in text
    assert [
        int(n) for n in re.findall(r'class="new-places"><span class="num">(\d+)', "".join(workshop_rows(html)))
    ] == [7, 8, 2, 7]
    # the PDF, from the command, read back as text: the same sections and the workshop series' numbers
    from pypdf import PdfReader

    pdf_file = tmp_path / "r.pdf"
    run_report("pdf", pdf_file)
    reader = PdfReader(pdf_file)
    assert len(reader.pages) >= 3
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for heading in ["Regional specialisation", "Network health", "Growth", "Goals and indicators"]:
        assert heading in pdf_text, heading
    series = pdf_text[pdf_text.index("Teollisuusalueiden parhaat käytännöt") :]
    assert re.search(r"\b13\b.*\b20\b.*\b21\b.*\b37\b", series), series[:600]
    call_command("report", "--as-of", AS_OF, "--lang", "fi", "--format", "xlsx", "--output", str(xlsx_file))
    assert xlsx_file.read_bytes().startswith(b"PK")


def test_the_report_command_refuses_bad_input(tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("report", "--as-of", "31.8.2025")
    with pytest.raises(CommandError, match="--output"):
        call_command("report", "--format", "pdf")


def test_synth_generates_the_asked_size(tmp_path):
    from arvoketju.reports import synth

    out = io.StringIO()
    call_command(
        "synth", "--orgs", "500", "--projects", "300", "--seed", "3", "--output", str(tmp_path / "s.npz"), stdout=out
    )
    assert "organisations 500" in out.getvalue()
    data = synth.load(tmp_path / "s.npz")
    assert data.organisations == 500 and data.part_project.max() < 300
    again = synth.generate(500, 300, seed=3)
    assert (again.part_org == data.part_org).all()  # deterministic for a seed
    edges, weights = health.edges_from_memberships(data.part_project, data.part_org)
    assert (edges[:, 0] < edges[:, 1]).all() and weights.sum() >= len(edges)
