"""A restricted organisation linked through *public* rows to public things (a participation, an
attendance, a membership, a capability, an area's operator, a card's investor, a unit's parent, a
programme's funder, a network's coordinator, an education programme's provider …) never shows its
name or key to an anonymous visitor — on any page, download or API answer — nor to a plain member in
the table exports. Every URL of the resolver and every GET of the API is checked, with the query
parameters that show the most."""

import html
import io
import json
import re
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver

from arvoketju.actors.models import ContactPerson, Organisation, Site
from arvoketju.capabilities.models import Capability, Infrastructure
from arvoketju.collaboration.models import (
    Event,
    EventAttendance,
    Membership,
    Network,
    Participation,
    Programme,
    Project,
)
from arvoketju.industry.models import BestPractice, IndustrialArea, InvestmentCard, PyramidElement, Viewpoint
from arvoketju.places.models import Place
from arvoketju.taxonomy.models import Stage
from arvoketju.testing.factories import OrganisationFactory, SourceFactory
from arvoketju.workforce.models import EducationProgramme

from .conftest import walk

pytestmark = pytest.mark.django_db

NAME = "Zzleak Restricted Oy"
KEY = "zzleak-restricted"
HIDDEN = "Qqhidden"  # the prefix of the restricted project, event and network
NEEDLES = [NAME, "Zzleak", KEY, HIDDEN]


def sample_urls(route, values):
    """Concrete URLs for a route: every combination of the candidate values of its placeholders."""
    url = "/" + route.replace("^", "").replace("$", "").lstrip("/")
    urls = [url]
    for placeholder, candidates in values.items():
        new = []
        for u in urls:
            if placeholder in u:
                new.extend(u.replace(placeholder, c) for c in candidates)
            else:
                new.append(u)
        urls = new
    return [u for u in urls if "<" not in u and "{" not in u]


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def text_of(body: bytes) -> str:
    """Readable text of a body: zips (xlsx/pptx) are unpacked, PDFs extracted, HTML entities undone."""
    if body[:2] == b"PK":
        parts = []
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                for name in archive.namelist():
                    parts.append(archive.read(name).decode("utf-8", "replace"))
        except zipfile.BadZipFile:
            return body.decode("utf-8", "replace")
        try:
            from pptx import Presentation

            deck = Presentation(io.BytesIO(body))
            for slide in deck.slides:
                for shape in slide.shapes:
                    if shape.has_text_frame:
                        parts.append(shape.text_frame.text)
                    if getattr(shape, "has_table", False) and shape.has_table:
                        for row in shape.table.rows:
                            parts.extend(cell.text for cell in row.cells)
        except Exception:  # noqa: BLE001 - not a deck
            pass
        return html.unescape("\n".join(parts))
    if body[:4] == b"%PDF":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    text = body.decode("utf-8", "replace")
    try:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        pass
    return html.unescape(text)


def snippet(text, needle, width=160):
    """Every place (up to 6) where the needle occurs, with context."""
    found = [m.start() for m in re.finditer(re.escape(needle.lower()), text.lower())]
    parts = [re.sub(r"\s+", " ", text[max(0, i - width) : i + len(needle) + width]) for i in found[:6]]
    return f"({len(found)} hit(s)) " + "\n    ...".join(parts)


@pytest.fixture
def leak_setup():
    source = SourceFactory()
    kw = {"source": source, "locator": "test"}
    kokkola = Place.objects.get(key="kokkola")
    centria = Organisation.objects.get(key="centria")
    city = Organisation.objects.get(key="kokkolan-kaupunki")
    secret = OrganisationFactory(
        key=KEY, name=NAME, short_name="Zzleak", visibility="restricted", home_place=kokkola, source=source
    )
    battsi = Project.objects.get(key="battsi")
    assert battsi.visibility == "public"
    event = Event.objects.filter(visibility="public").order_by("pk").first()
    network = Network.objects.filter(visibility="public").order_by("pk").first()
    area = IndustrialArea.objects.filter(visibility="public", key="kokkola-industrial-park").first()
    stage = Stage.objects.filter(visibility="public").order_by("pk").first()
    element = PyramidElement.objects.filter(visibility="public").order_by("pk").first()
    links = {}
    links["Participation(battsi)"] = Participation.objects.create(
        project=battsi, organisation=secret, role="partner", **kw
    )
    links["EventAttendance"] = EventAttendance.objects.create(
        event=event, organisation=secret, role="speaker", topic="Qqtopic", **kw
    )
    links["Membership"] = Membership.objects.create(network=network, organisation=secret, status="member", **kw)
    links["Capability"] = Capability.objects.create(
        organisation=secret, stage=stage, kind="research", status="active", **kw
    )
    area.operator = secret
    area.save()
    links["IndustrialArea.operator"] = area
    links["InvestmentCard.investor"] = InvestmentCard.objects.create(
        name="Qqcard gigafactory", area=area, place=kokkola, investor=secret, stage=stage, visibility="public", **kw
    )
    links["ContactPerson"] = ContactPerson.objects.create(
        organisation=secret, name="Qqcontact Person", role="CEO", visibility="public", **kw
    )
    links["Site"] = Site.objects.create(organisation=secret, place=kokkola, name="Qqsite", **kw)
    links["Infrastructure"] = Infrastructure.objects.create(
        organisation=secret, name="Qqinfra pilot line", place=kokkola, **kw
    )
    links["EducationProgramme"] = EducationProgramme.objects.create(
        provider=secret,
        name="Qqeducation battery course",
        level=EducationProgramme._meta.get_field("level").choices[0][0],
        place=kokkola,
        **kw,
    )
    qqnetwork = Network.objects.create(key="qqnetwork", name="Qqnetwork cluster", coordinator=secret, **kw)
    Membership.objects.create(network=qqnetwork, organisation=centria, **kw)
    links["Network.coordinator"] = qqnetwork
    programme = Programme.objects.create(key="qqprogramme", name="Qqprogramme fund", funder=secret, **kw)
    qqproject = Project.objects.create(key="qqproject", acronym="QQPROJ", programme=programme, status="funded", **kw)
    Participation.objects.create(project=qqproject, organisation=centria, role="coordinator", **kw)
    Participation.objects.create(project=qqproject, organisation=city, role="partner", **kw)
    links["Programme.funder"] = programme
    unit = OrganisationFactory(
        key="qqunit", name="Qqunit Public Lab", parent=secret, home_place=kokkola, source=source, type="university"
    )
    Participation.objects.create(project=battsi, organisation=unit, role="partner", **kw)
    links["Organisation.parent"] = unit
    links["BestPractice(area)"] = BestPractice.objects.create(
        title="Qqpractice", description="Qq best practice", area=area, event=event, **kw
    )
    links["Viewpoint(event)"] = Viewpoint.objects.create(element=element, event=event, text="Qqviewpoint", **kw)
    # restricted things with public rows of public organisations: a project, an event, a network
    hidden_project = Project.objects.create(
        key="qqhidden-project", acronym="QQHIDDEN", title="Qqhidden project", visibility="restricted", **kw
    )
    Participation.objects.create(project=hidden_project, organisation=centria, role="coordinator", **kw)
    Participation.objects.create(project=hidden_project, organisation=city, role="partner", **kw)
    hidden_event = Event.objects.create(
        key="qqhidden-event", name="Qqhidden event", start=event.start, visibility="restricted", **kw
    )
    EventAttendance.objects.create(event=hidden_event, organisation=centria, **kw)
    EventAttendance.objects.create(event=hidden_event, organisation=city, **kw)
    hidden_network = Network.objects.create(
        key="qqhidden-network", name="Qqhidden network", visibility="restricted", **kw
    )
    Membership.objects.create(network=hidden_network, organisation=centria, **kw)
    links["restricted project, event and network"] = (hidden_project, hidden_event, hidden_network)
    from arvoketju.search.services import search_reindex

    search_reindex()
    cache.clear()
    return {
        "secret": secret,
        "battsi": battsi,
        "event": event,
        "network": network,
        "area": area,
        "stage": stage,
        "kokkola": kokkola,
        "unit": unit,
        "links": links,
    }


def check(client, url, failures, errors, params=None, checked=None):
    try:
        response = client.get(url, params or {})
    except Exception as error:  # noqa: BLE001
        errors.append((url, params, f"EXCEPTION {type(error).__name__}: {error}"))
        return None
    status = response.status_code
    if status >= 500:
        errors.append((url, params, status))
    body = body_of(response)
    text = text_of(body)
    echoed = [KEY] if KEY in url else []
    for value in (params or {}).values():
        for v in value if isinstance(value, list) else [value]:
            if "zzleak" in str(v).lower():
                echoed.append(str(v))
    if NAME in text:
        failures.append((url, params, status, NAME, snippet(text, NAME)))
    else:
        cleaned = text
        for e in echoed:
            cleaned = re.sub(re.escape(e), "", cleaned, flags=re.IGNORECASE)
            cleaned = re.sub(re.escape(e.replace(" ", "+")), "", cleaned, flags=re.IGNORECASE)
            cleaned = re.sub(re.escape(e.replace(" ", "%20")), "", cleaned, flags=re.IGNORECASE)
        for needle in NEEDLES[1:]:
            if needle.lower() in cleaned.lower():
                failures.append((url, params, status, needle, snippet(cleaned, needle)))
                break
    if checked is not None:
        checked.append((url, params, status))
    return response


def test_no_page_download_or_api_answer_names_a_hidden_organisation(leak_setup, member):
    from arvoketju.analytics.selectors import matrix_view

    s = leak_setup
    anon = Client()
    failures, errors, checked = [], [], []

    # the setup is effective: an editor sees the name on the project page
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_user("zzeditor", password="pw-zz-12345", is_staff=True, is_superuser=True)
    ed = Client()
    ed.force_login(editor)
    assert NAME in ed.get(f"/en/projects/{s['battsi'].key}/").content.decode()

    values = {
        "<str:organisation>": ["centria", "kokkolan-kaupunki", "qqunit", KEY],
        "<str:place>": ["kokkola"],
        "<str:key>": [s["area"].key],
        "<str:fmt>": ["pptx", "pdf"],
        "<str:project>": ["battsi", "qqproject"],
        "<str:network>": [s["network"].key, "qqnetwork"],
        "<str:event>": [s["event"].key],
        "<str:report_format>": ["html", "pdf", "xlsx"],
        "<slug:kind>": [],  # exports: checked as member below
        "<str:token>": ["not-a-valid-token"],
        "{org}": ["centria", "qqunit", KEY],
        "{kind}": ["organisations"],
        "{key}": ["centria", "qqunit", KEY, "kokkola", "battsi", s["event"].key, s["network"].key],
        "{name}": ["Kokkola", "Qqunit"],
        "{project}": ["battsi", "qqproject"],
        "{network}": [s["network"].key, "qqnetwork"],
        "{event}": [s["event"].key],
        "{place}": ["kokkola"],
        "{area}": [s["area"].key],
    }
    # 1. every page of the resolver (not admin, not api, not exports)
    for route, name in walk(get_resolver().url_patterns):
        if name is None or name.startswith(("admin:", "api:", "exports:")):
            continue
        route = route.replace("^", "").replace("$", "")
        for url in sample_urls(route, values):
            check(anon, url, failures, errors, checked=checked)

    # 2. pages with query parameters that show more
    cell_urls = []
    for level in ("region", "partner_cities", "municipality"):
        view = matrix_view(None, level=level, organisation_type="", capability_kind="", as_of=None)
        view_ed = matrix_view(editor, level=level, organisation_type="", capability_kind="", as_of=None)
        for (stage_id, column_id), _cell in view_ed.cells.items():
            stage = next((st for st in view.stages if st.pk == stage_id), None)
            column = next((c for c in view.columns if c.pk == column_id), None)
            if stage is not None and column is not None:
                cell_urls.append(("/en/matrix/", {"columns": level, "cell": f"{stage.key}@{column.key}"}))
    extra = [
        ("/en/analyses/", {"as_of": "2026-01-01"}),
        ("/en/analyses/", {"as_of": "2030-01-01", "compare": "2020-01-01"}),
        ("/en/analyses/report.html", {}),
        ("/en/analyses/report.html", {"as_of": "2030-01-01", "compare": "2020-01-01"}),
        ("/en/analyses/report.xlsx", {}),
        ("/en/analyses/report.pdf", {}),
        ("/en/network/", {"layer": ["projects", "events", "memberships"]}),
        ("/en/network/data.json", {}),
        ("/en/network/data.json", {"layer": ["projects", "events", "memberships"]}),
        ("/en/network/graph.gexf", {"layer": ["projects", "events", "memberships"]}),
        ("/en/network/graph.graphml", {"layer": ["projects", "events", "memberships"]}),
        ("/en/map/", {"view": "actors"}),
        ("/en/map/", {"view": "actors", "place": "kokkola"}),
        ("/en/map/data.json", {}),
        ("/en/map/data.json", {"stage": s["stage"].key, "status": "active"}),
        ("/en/matrix/", {"format": "csv"}),
        ("/en/matrix/", {"format": "xlsx"}),
        ("/en/matrix/", {"as_of": "2030-01-01"}),
        ("/en/search/", {"q": "Zzleak"}),
        ("/en/search/", {"q": "zzleak restricted"}),
        ("/en/search/", {"q": "Qqunit"}),
        ("/en/search/", {"q": "Qqcard"}),
        ("/en/search/", {"q": "Qqcontact"}),
        ("/en/search/", {"q": "Qqnetwork"}),
        ("/en/search/", {"q": "Qqprogramme"}),
        ("/en/search/", {"q": "Qqinfra"}),
        ("/en/search/", {"q": "Qqeducation"}),
        ("/en/search/", {"q": "battsi"}),
        ("/en/search/", {"q": "kokkola"}),
        ("/en/partners/", {"text": "battery recycling"}),
        ("/en/partners/", {"text": "battery recycling research", "assemble": "1"}),
        ("/en/partners/", {"text": "battery", "types": "university"}),
        ("/en/industry/investments/", {}),
        ("/en/industry/investments/", {"q": "Qqcard"}),
        ("/en/industry/investments/cards.pptx", {}),
        ("/en/industry/investments/cards.pdf", {}),
        ("/en/industry/", {}),
        ("/en/industry/compare/", {"area": [s["area"].key]}),
        ("/en/industry/pyramid/", {}),
        ("/en/industry/site-matching/", {"require": "port"}),
        ("/en/industry/site-matching/", {}),
        (f"/en/industry/areas/{s['area'].key}/", {}),
        ("/en/skills/", {}),
        ("/en/skills/", {"region": "keski-pohjanmaa"}),
        ("/en/organisations/", {"q": "Zzleak"}),
        ("/en/organisations/", {"format": "csv"}),
        ("/en/organisations/", {"format": "xlsx"}),
        ("/en/projects/", {}),
        ("/en/projects/", {"format": "csv"}),
        ("/en/projects/", {"format": "xlsx"}),
        ("/en/events/", {}),
        ("/en/events/", {"format": "csv"}),
        ("/en/events/", {"format": "xlsx"}),
        ("/en/places/kokkola/", {}),
        ("/en/projects/battsi/", {}),
        ("/en/projects/qqproject/", {}),
        (f"/en/events/{s['event'].key}/", {}),
        (f"/en/networks/{s['network'].key}/", {}),
        ("/en/networks/qqnetwork/", {}),
        ("/en/organisations/centria/", {}),
        ("/en/organisations/qqunit/", {}),
        ("/en/organisations/kokkolan-kaupunki/", {}),
        (f"/en/organisations/{KEY}/", {}),
        ("/", {}),
        ("/en/", {}),
    ]
    for url, params in extra + cell_urls:
        check(anon, url, failures, errors, params=params, checked=checked)

    # 3. every GET of the API, with limit=1000
    schema = json.loads(anon.get("/api/v1/openapi.json").content)
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        query_names = {p["name"] for p in operations["get"].get("parameters", []) if p.get("in") == "query"}
        for url in sample_urls(path.lstrip("/"), values):
            params = {"limit": 1000} if "limit" in query_names else {}
            check(anon, url, failures, errors, params=params, checked=checked)
            if "as_of" in query_names:
                check(anon, url, failures, errors, params={**params, "as_of": "2026-01-01"}, checked=checked)
            for qname, qvalue in (("q", "Zzleak"), ("search", "Zzleak"), ("name", "Zzleak")):
                if qname in query_names:
                    check(anon, url, failures, errors, params={**params, qname: qvalue}, checked=checked)
        if "{" in path and not sample_urls(path.lstrip("/"), values):
            errors.append((path, None, "placeholder not sampled"))

    # 4. /export/* as a signed-in member
    from arvoketju.provenance import exports

    signed = Client()
    signed.force_login(member)
    for kind in exports.KINDS:
        for fmt in exports.FORMATS:
            check(signed, f"/export/{kind}.{fmt}", failures, errors, checked=checked)

    report = [
        f"LEAK {url} {params or ''} [{status}] {needle!r}: {snip}" for url, params, status, needle, snip in failures
    ]
    report += [f"ERROR {error}" for error in errors]
    assert len(checked) > 300, len(checked)
    assert not failures and not errors, "\n".join(report)
