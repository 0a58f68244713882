"""QR codes of contacts: UTF-8, never Micro QR, compact fallback, and decodable back to the same card.

Decoding uses zxing-cpp (`pip install zxing-cpp`, a test-only dependency); without it the payload checks still run.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
import vobject
from PIL import Image

from directory_app.core.contacts import add_contact
from directory_app.core.qr import QR_BYTES_LIMIT, contact_qr, qr_payload
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search


def _decode(png: bytes) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _contact(directory, given, family, country, **extra):
    return add_contact(
        directory,
        ContactInput(
            given_name=given,
            family_name=family,
            country=country,
            organisation=extra.pop("organisation", "Police"),
            emails=extra.pop("emails", [EmailEntry("a.person@example.org")]),
            phones=extra.pop("phones", [PhoneEntry(None, "+381 63 123 4567", "mobile")]),
            **extra,
        ),
    )


@pytest.mark.parametrize(
    ("given", "family", "country"),
    [
        ("Đorđe", "Đorđević", "RS"),
        ("Марија", "Атанасова", "MK"),
        ("Χριστίνα", "Αλεξίου", "GR"),
        ("Çağrı", "Şahinoğlu", "TR"),
    ],
)
def test_qr_round_trip_every_script(directory, given, family, country) -> None:
    record = _contact(directory, given, family, country)
    qr = contact_qr(record)
    assert not qr.compact and qr.note == ""
    assert qr.code.mode == "byte" and not qr.code.is_micro  # UTF-8 bytes, never Shift_JIS kanji or Micro QR
    assert "N;CHARSET=UTF-8:" in qr.payload and "FN;CHARSET=UTF-8:" in qr.payload
    card = vobject.readOne(qr.payload)
    assert (card.n.value.given, card.n.value.family) == (given, family)
    assert card.tel.value == "+381631234567"
    png = qr.png(scale=4)
    assert png.startswith(b"\x89PNG")
    assert _decode(png) == [qr.payload]


def test_short_ascii_card_is_not_micro_qr(directory) -> None:
    record = _contact(directory, "Ana", "Li", "HR", organisation="", emails=[], phones=[])
    qr = contact_qr(record)
    assert not qr.code.is_micro and qr.version >= 1
    assert _decode(qr.png()) == [qr.payload]


def test_large_card_falls_back_to_compact(directory, tmp_path) -> None:
    record = _contact(
        directory, "Александра", "Константиновић-Поповић", "RS",
        organisation="Министарство унутрашњих послова – Дирекција полиције – Управа граничне полиције",
        position="Самостални полицијски инспектор за сузбијање кријумчарења миграната",
        phones=[PhoneEntry(None, "+381 11 306 2000"), PhoneEntry(None, "+381 63 123 4567", "mobile"),
                PhoneEntry(None, "+381 11 306 2001", "fax")],
        emails=[EmailEntry("aleksandra.konstantinovic@mup.gov.rs.example"), EmailEntry("akp@example.org", "other")],
        city="Београд",
    )  # fmt: skip
    full, fell_back = qr_payload(record, limit=10_000)
    assert not fell_back and len(full.encode()) > QR_BYTES_LIMIT
    qr = contact_qr(record)
    assert qr.compact and qr.size_bytes < len(full.encode()) and "too large" in qr.note
    card = vobject.readOne(qr.payload)
    assert card.n.value.family == "Константиновић-Поповић"
    assert card.org.value == [record.organisation]
    assert [t.value for t in card.tel_list] == ["+381631234567"]  # the mobile
    assert [e.value for e in card.email_list] == ["aleksandra.konstantinovic@mup.gov.rs.example"]
    assert "TITLE" not in qr.payload
    from directory_app.core.qr import save_qr_image

    assert "too large" in save_qr_image(directory, record.id, tmp_path / "code.png").note  # `qr` says so too
    assert _decode(qr.png(scale=4)) == [qr.payload]


def test_demo_contacts_all_scan(demo_directory) -> None:
    records = search(demo_directory, SearchQuery())[:80]
    fallbacks = 0
    for record in records:
        qr = contact_qr(record)
        fallbacks += qr.compact
        assert qr.size_bytes <= QR_BYTES_LIMIT or qr.compact
        assert _decode(qr.png(scale=3)) == [qr.payload]
    assert fallbacks < len(records)


def test_svg_and_impossible_card(directory) -> None:
    record = _contact(directory, "Ana", "Marić", "HR")
    svg = contact_qr(record).svg()
    assert svg.startswith(b"<svg") and b"path" in svg
    huge = replace(record, family_name="Ж" * 3000)
    with pytest.raises(DirectoryError, match="too large for a QR code"):
        contact_qr(huge)


def test_one_contact_s_code_saved_as_png_or_svg_and_copied_is_audited(directory, tmp_path) -> None:
    from directory_app.core.privacy import list_audit
    from directory_app.core.qr import qr_image, save_qr_image
    from tests.core.cli_helpers import run_cli

    record = _contact(directory, "Amra", "Hodžić", "BA",
                      phones=[PhoneEntry(None, "+387 61 222 333", "mobile", private=True)])  # fmt: skip
    hidden = _contact(directory, "Neda", "Skrivena", "BA", shareable=False)

    png = save_qr_image(directory, record.id, tmp_path / "amra.png")
    assert png.path == tmp_path / "amra.png" and png.size == len((tmp_path / "amra.png").read_bytes())
    [payload] = _decode((tmp_path / "amra.png").read_bytes())
    assert payload == contact_qr(record).payload and "+38761222333" not in payload
    svg = save_qr_image(directory, record.id, tmp_path / "amra.svg").path.read_text()
    assert svg.startswith("<svg") and "path" in svg
    copied_record, copied = qr_image(directory, record.id)
    assert copied_record.id == record.id and _decode(copied) == [payload]
    entries = list_audit(directory)
    assert [(e.action, e.target) for e in entries[:3]] == [
        ("copy-qr", "clipboard"), ("export-qr-svg", str(tmp_path / "amra.svg")),
        ("export-qr-png", str(tmp_path / "amra.png")),
    ]  # fmt: skip
    assert "private data left out" in entries[0].detail

    with pytest.raises(DirectoryError, match="Neda Skrivena is marked not to be shared: the code is not given out"):
        save_qr_image(directory, hidden.id, tmp_path / "neda.png")
    assert not (tmp_path / "neda.png").exists()
    with pytest.raises(DirectoryError, match=r"cannot tell the image kind of 'amra.jpg': name it .png or .svg"):
        save_qr_image(directory, record.id, tmp_path / "amra.jpg")
    with pytest.raises(DirectoryError, match="there is no contact 999"):
        qr_image(directory, 999)
    assert len(list_audit(directory)) == 3  # nothing given, nothing recorded

    db = str(directory.path)
    directory.close()
    done = run_cli("qr", str(record.id), str(tmp_path / "cli.png"), "--include-private", "--db", db)
    assert done.returncode == 0 and done.stdout.startswith("QR code written to"), done.stderr
    assert "+38761222333" in _decode((tmp_path / "cli.png").read_bytes())[0]
    refused = run_cli("qr", str(hidden.id), str(tmp_path / "neda.png"), "--db", db)
    assert refused.returncode == 2 and refused.stderr.startswith("error: Neda Skrivena is marked not to be shared")


def test_codes_to_show_on_a_screen_follow_the_export_s_rules(directory) -> None:
    from directory_app.core.privacy import list_audit
    from directory_app.core.qr import codes_to_show

    amra = _contact(directory, "Amra", "Hodžić", "BA",
                    phones=[PhoneEntry(None, "+387 61 222 333", "mobile", private=True)])  # fmt: skip
    hidden = _contact(directory, "Neda", "Skrivena", "BA", shareable=False)
    records, left_out = codes_to_show(directory, [hidden.id, amra.id])
    assert [r.id for r in records] == [amra.id] and records[0].phones == ()
    assert left_out == "left out: 1 contact marked not to be shared, 1 private phone"
    assert "+38761222333" not in contact_qr(records[0]).payload
    with pytest.raises(DirectoryError, match="nothing to show: the chosen contact is marked not to be shared"):
        codes_to_show(directory, [hidden.id])
    [entry] = list_audit(directory)
    assert (entry.action, entry.target, entry.count) == ("show-qr", "screen", 1)
