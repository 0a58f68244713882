"""Online meetings' reports as organisers download them: Zoom's attendee report (a CSV of several tables, one per
part: host, panelists, attendees) and Teams' attendance report (UTF-16, tab-separated, a summary above two tables).
Before, only the last table was read: the speakers above it were taken for the list's title and lost."""

from __future__ import annotations

from pathlib import Path

from directory_app.core.importing import EventSpec, import_files, plan_file, propose_event
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv

ZOOM = [
    ["Attendee Report", ""],
    ["Report Generated:", "06/03/2025 14:02"],
    ["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)", "# Registered", "Unique Viewers"],
    ["Online Regional Meeting on Countering THB", "912 3456 7890", "06/03/2025 09:58", "124", "6", "4"],
    [],
    ["Host Details"],
    ["Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time", "Is Guest", "Country/Region Name"],
    ["Yes", "OSCE TNTD/SPMU", "spmu.host@osce.org", "06/03/2025 09:41", "06/03/2025 12:05", "No", "Austria"],
    [],
    ["Panelist Details"],
    ["Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time", "Is Guest", "Country/Region Name"],
    ["Yes", "Valiant Richey", "valiant.richey@osce.org", "06/03/2025 09:55", "06/03/2025 12:01", "No", "Austria"],
    [],
    ["Attendee Details"],
    ["Attended", "User Name (Original Name)", "First Name", "Last Name", "Email", "Approval Status", "Join Time",
     "Country/Region Name", "Job Title", "Organization"],
    ["Yes", "Jelena Petrović", "Jelena", "Petrović", "jelena.petrovic@rjt.gov.rs", "approved", "06/03/2025 09:59",
     "Serbia", "Deputy Public Prosecutor", "Republic Public Prosecutor's Office"],
    ["Yes", "Jelena Petrović", "Jelena", "Petrović", "jelena.petrovic@rjt.gov.rs", "approved", "06/03/2025 11:05",
     "Serbia", "Deputy Public Prosecutor", "Republic Public Prosecutor's Office"],  # joined twice: one person
    ["No", "", "Luan", "Krasniqi", "luan.krasniqi@kosovopolice.com", "approved", "--", "Kosovo", "Police Officer",
     "Kosovo Police"],
    ["Yes", "iPhone de Marie", "Marie", "Dubois", "m.dubois@interieur.gouv.fr", "approved", "06/03/2025 10:20",
     "France", "Liaison officer", "Ministère de l'Intérieur"],
    ["", "", "Ivan", "Novak", "ivan.novak@mup.hr", "denied", "", "Croatia", "", "MUP"],
]  # fmt: skip

TEAMS = [
    ["1. Summary"],
    ["Meeting title", "Regional Meeting on Joint Investigation Teams"],
    ["Attended participants", "4"],
    ["Start time", "6/3/25, 9:58:12 AM"],
    [],
    ["2. Participants"],
    ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"],
    ["OSCE Secretariat TNTD", "6/3/25, 9:58 AM", "6/3/25, 12:02 PM", "2h 4m", "tntd@osce.org", "tntd@osce.org",
     "Organizer"],
    ["Petrović Jelena (RJT)", "6/3/25, 9:59 AM", "6/3/25, 12:01 PM", "2h 1m", "jelena.petrovic@rjt.gov.rs",
     "jelena.petrovic@rjt.gov.rs", "Attendee"],
    ["Ana Kovač", "6/3/25, 10:00 AM", "6/3/25, 11:00 AM", "1h", "ana.kovac@mup.hr", "ana.kovac@mup.hr", "Presenter"],
    ["Luan Krasniqi (Guest)", "6/3/25, 10:05 AM", "6/3/25, 12:00 PM", "1h 55m", "", "", "Attendee"],
    [],
    ["3. In-Meeting Activities"],
    ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"],
    ["Petrović Jelena (RJT)", "6/3/25, 9:59 AM", "6/3/25, 11:00 AM", "1h", "jelena.petrovic@rjt.gov.rs", "Attendee"],
    ["Petrović Jelena (RJT)", "6/3/25, 11:05 AM", "6/3/25, 12:01 PM", "56m", "jelena.petrovic@rjt.gov.rs", "Attendee"],
]  # fmt: skip


def _people(directory) -> dict[str, list[tuple[str, str]]]:
    """Name as displayed -> (event, part) of each participation."""
    out = {}
    for r in search(directory, SearchQuery(), limit=None):
        name = " ".join(filter(None, [r.given_name, r.family_name]))
        out[name] = [(e.name, e.part) for e in r.events]
    return out


def test_a_zoom_attendee_report(directory, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "87654321_AttendeeReport.csv", ZOOM, encoding="utf-8-sig")
    fp = plan_file(path)
    assert [p.sheet.name for p in fp.usable] == [
        "87654321_AttendeeReport – Host Details",
        "87654321_AttendeeReport – Panelist Details",
        "87654321_AttendeeReport – Attendee Details",
    ]
    event = propose_event([fp])
    assert (event.name, event.start_date.year) == ("Online Regional Meeting on Countering THB", 2025)

    report = import_files(directory, [path], event=event)
    meeting = "Online Regional Meeting on Countering THB"
    assert _people(directory) == {
        "OSCE TNTD/SPMU": [(meeting, "organiser")],  # the host's account: an office, its name kept whole
        "Valiant Richey": [(meeting, "speaker")],
        "Jelena Petrović": [(meeting, "participant")],
        "Luan Krasniqi": [],  # registered, did not attend: in the directory, not among the participants
        "Marie Dubois": [(meeting, "participant")],
        "Ivan Novak": [],  # registration denied
    }
    reasons: dict[str, list[str]] = {}
    for outcome in report.outcomes:
        reasons.setdefault(outcome.name, outcome.reasons)
    assert reasons["OSCE TNTD/SPMU"] == ["an office's or account's name, not a person's: kept whole"]
    assert reasons["Luan Krasniqi"] == ["Attended 'No': imported, not among the event's participants"]
    assert reasons["Ivan Novak"] == ["Approval Status 'denied': imported, not among the event's participants"]
    # The Zoom name agrees with the first and last names: nothing to say. "iPhone de Marie" does not.
    assert reasons["Jelena Petrović"] == []
    assert reasons["Marie Dubois"] == [
        "full name 'iPhone de Marie' not used: the given and family name columns are filled"
    ]
    assert (report.created, report.unchanged) == (6, 1)


def test_a_teams_attendance_report(directory, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "meetingAttendanceReport.csv", TEAMS, encoding="utf-16", delimiter="\t")
    fp = plan_file(path)
    assert [p.sheet.name for p in fp.usable] == [
        "meetingAttendanceReport – 2. Participants",
        "meetingAttendanceReport – 3. In-Meeting Activities",
    ]
    event = propose_event([fp])
    assert (event.name, str(event.start_date)) == ("Regional Meeting on Joint Investigation Teams", "2025-06-03")
    report = import_files(directory, [path], event=event)
    meeting = [(event.name, "participant")]
    assert _people(directory) == {
        "OSCE Secretariat TNTD": [(event.name, "organiser")],
        "Jelena Petrović": meeting,  # "Petrović Jelena (RJT)": the address shows the surname first
        "Ana Kovač": [(event.name, "speaker")],  # Role: Presenter
        "Luan Krasniqi": meeting,  # "(Guest)" is not a name
    }
    assert (report.created, report.unchanged) == (4, 2)


def test_a_teams_attendance_report_in_german(directory, tmp_path: Path) -> None:
    """Teams in German: the event was named "1. Zusammenfassung", and the organiser ("Organisator") and the
    presenter ("Referent") were stored as participants, their parts kept as keywords."""
    german = {"1. Summary": "1. Zusammenfassung", "Meeting title": "Besprechungstitel", "2. Participants":
              "2. Teilnehmer", "Role": "Rolle", "Organizer": "Organisator", "Attendee": "Teilnehmer",
              "Presenter": "Referent", "Email": "E-Mail", "(Guest)": "(Gast)"}  # fmt: skip
    rows = [[german.get(c, c) for c in row] for row in TEAMS[:11]]
    rows = [[c.replace("(Guest)", "(Gast)") for c in row] for row in rows]
    path = write_csv(tmp_path / "Anwesenheitsbericht.csv", rows, encoding="utf-16", delimiter="\t")
    event = propose_event([plan_file(path)])
    assert event.name == "Regional Meeting on Joint Investigation Teams"
    import_files(directory, [path], event=event)
    people = _people(directory)
    assert people["OSCE Secretariat TNTD"] == [(event.name, "organiser")]
    assert people["Ana Kovač"] == [(event.name, "speaker")]
    assert people["Jelena Petrović"] == [(event.name, "participant")]


def test_a_header_repeated_on_each_page_is_still_one_table(tmp_path: Path) -> None:
    header = ["Name", "Surname", "E-mail"]
    rows = [header, ["Ana", "Marić", "ana@example.hr"], [], header, ["Ivo", "Kovač", "ivo@example.hr"]]
    fp = plan_file(write_csv(tmp_path / "list.csv", rows))
    assert [p.sheet.name for p in fp.usable] == ["list"]
    assert [r.contact.family_name for r in fp.rows() if r.contact] == ["Marić", "Kovač"]


def test_the_event_named_beside_its_label(tmp_path: Path) -> None:
    rows = [
        ["Naziv skupa:", "Regionalni sastanak tužilaca"],
        ["Datum:", "12.05.2025"],
        [],
        ["Ime", "Prezime", "E-mail"],
        ["Ana", "Marić", "ana@example.hr"],
    ]
    event = propose_event([plan_file(write_csv(tmp_path / "lista.csv", rows))])
    assert (event.name, str(event.start_date)) == ("Regionalni sastanak tužilaca", "2025-05-12")
    assert EventSpec  # the proposal is what the wizard and `main.py import` offer


def test_a_zoom_meeting_participants_report(directory, tmp_path: Path) -> None:
    """The meeting's summary (one row, its "Participants" a count) above the people: not a table of people."""
    rows = [
        ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"],
        ["812 3456 7890", "Expert meeting on financial investigations", "06/03/2025 09:58:12 AM",
         "06/03/2025 12:02:40 PM", "host@osce.org", "125", "3"],
        [],
        ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"],
        ["Jelena Petrović", "jelena.petrovic@rjt.gov.rs", "06/03/2025 09:59:02 AM", "06/03/2025 12:01:00 PM", "122",
         "Yes"],
        ["Petrović Jelena (RJT)", "jelena.petrovic@rjt.gov.rs", "06/03/2025 09:59:02 AM", "06/03/2025 12:01:00 PM",
         "122", "Yes"],
        ["Ana Kovač", "", "06/03/2025 10:00:00 AM", "06/03/2025 11:00:00 AM", "60", "Yes"],
    ]  # fmt: skip
    path = write_csv(tmp_path / "participants_81234567890.csv", rows)
    fp = plan_file(path)
    assert [(p.sheet.name, p.header_row_number) for p in fp.usable] == [("participants_81234567890", 4)]
    event = propose_event([fp])
    assert (event.name, str(event.start_date)) == ("Expert meeting on financial investigations", "2025-06-03")
    report = import_files(directory, [path], event=event)
    # her second line's remark names her office: it fills her organisation
    assert (report.created, report.updated, report.unchanged) == (2, 1, 0)
    assert sorted(_people(directory)) == ["Ana Kovač", "Jelena Petrović"]


def test_slashed_dates_are_read_the_way_the_list_writes_them(tmp_path: Path) -> None:
    """ "06/03/2025" is 3 June when the list's other dates are written month first ("05/28/2025"), 6 March when
    they are written day first ("28/05/2025") or cannot tell."""

    def event_date(registered: str) -> tuple[str, str]:
        rows = [
            ["Topic", "Actual Start Time"],
            ["Online meeting on JITs", "06/03/2025 09:58"],
            [],
            ["First Name", "Last Name", "Email", "Registration Time"],
            ["Ana", "Kovač", "ana@mup.hr", registered],
        ]
        event = propose_event([plan_file(write_csv(tmp_path / "report.csv", rows))])
        return str(event.start_date), event.doubt

    assert event_date("05/28/2025 10:12:01") == ("2025-06-03", "")
    assert event_date("28/05/2025 10:12:01") == ("2025-03-06", "")
    # Nothing tells: read day first, and the proposal says it may be wrong (the wizard and the CLI show it).
    assert event_date("05/05/2025 10:12:01") == (
        "2025-03-06", "'06/03/2025' may be 6 March 2025 or 3 June 2025: check the event's first day",
    )  # fmt: skip


def test_devices_and_dial_in_callers_are_not_people(directory, tmp_path: Path) -> None:
    """A participant who gave no name shows as the device, the dial-in number or the platform's placeholder:
    skipped with a reason (the skipped rows can be saved), never a contact named "iPhone (2)"."""
    not_people = ["iPhone (2)", "Galaxy S21 Ultra", "+381 64 123 4567", "38164123456", "Call-in User_3",
                  "Ana's iPhone", "iPad de Marko", "DESKTOP-7H2K9LQ", "Samsung SM-A525F", "Guest",
                  "Zoom user"]  # fmt: skip
    rows = [["Name (Original Name)", "User Email", "Join Time", "Duration (Minutes)"]]
    rows += [[name, "", "06/03/2025 09:59:02 AM", "12"] for name in not_people]
    rows += [["Honor Petrović", "honor.petrovic@mup.gov.rs", "06/03/2025 09:59:02 AM", "122"]]
    path = write_csv(tmp_path / "participants_81234567890.csv", rows)
    fp = plan_file(path)
    assert fp.notes() == [f"{path.name}: text encoding read as utf-8, columns separated by comma"]  # times not named
    report = import_files(directory, [path], event=EventSpec("Online meeting"))
    skipped = [o.reasons[0] for o in report.outcomes if o.status == "skipped"]
    assert skipped == ["a device's or a dial-in caller's name, not a person's (an online meeting's report)"] * 11
    assert list(_people(directory)) == ["Honor Petrović"]


def test_what_a_participant_wrote_beside_the_name(directory, tmp_path: Path) -> None:
    """An online meeting's names carry the office, the position or the country after a dash, a bar or a slash:
    each goes to its field. A dash between two names is a name ("Ana Kovač - Horvat")."""
    rows = [
        ["Name (Original Name)", "User Email"],
        ["Ion Rusu - Procuratura Generală, Moldova", "ion.rusu@procuratura.md"],
        ["Marko Petrović | MUP Srbije", ""],
        ["UNODC – Jelena Marić", "jelena.maric@un.org"],
        ["Petar Ilievski – Deputy Public Prosecutor", ""],
        ["Elira Hoxha / Albania", ""],
        ["Ana Kovač - Horvat", ""],
        ["OSCE THB Unit (osce.thb@osce.org)", ""],
    ]
    import_files(directory, [write_csv(tmp_path / "participants.csv", rows)], event=EventSpec("Online meeting"))
    stored = {
        " ".join(filter(None, [r.given_name, r.family_name])): (
            r.organisation,
            r.position,
            r.country,
            [e.address for e in r.emails],
        )
        for r in search(directory, SearchQuery(), limit=None)
    }
    assert stored == {
        "Ion Rusu": ("Procuratura Generală", "", "MD", ["ion.rusu@procuratura.md"]),
        "Marko Petrović": ("MUP Srbije", "", None, []),
        "Jelena Marić": ("UNODC", "", None, ["jelena.maric@un.org"]),
        "Petar Ilievski": ("", "Deputy Public Prosecutor", None, []),
        "Elira Hoxha": ("", "", "AL", []),
        "Ana Kovač - Horvat": ("", "", None, []),
        # the meeting's host account: an office, its address in brackets read as its e-mail
        "OSCE THB Unit": ("", "", None, ["osce.thb@osce.org"]),
    }


def test_a_title_s_region_or_medium_is_no_city(tmp_path: Path) -> None:
    def place(title: str) -> tuple[str, str | None]:
        rows = [[title], [], ["Ime", "Prezime", "E-mail"], ["Ana", "Marić", "ana@example.hr"]]
        event = propose_event([plan_file(write_csv(tmp_path / "lista.csv", rows))])
        return event.city, event.country

    assert place("Regional Online Meeting on Migrant Smuggling - Western Balkans") == ("", None)
    assert place("Expert meeting on JITs, online") == ("", None)
    assert place("Regional seminar on THB, Albania") == ("", "AL")  # a country, not a city
    assert place("Regional seminar on THB - Durrës") == ("Durrës", None)  # the import takes its country from it


def test_a_meetings_participants_report_with_its_waiting_room_and_breakout_rooms(directory, tmp_path: Path) -> None:
    """Zoom's participants report: someone who never left the waiting room was stored as a participant, and a
    breakout room's own line ("Room 2 - Kosovo/Albania") as a person."""
    rows = [
        ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"],
        ["834 1234 5678", "Online Regional Meeting on Cybercrime Evidence", "03/18/2025 09:55:12 AM",
         "03/18/2025 01:02:40 PM", "organiser@osce.org", "188", "3"],
        [],
        ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest",
         "In Waiting Room", "Breakout Room"],
        ["Ana Kovač", "ana.kovac@dorh.hr", "03/18/2025 09:58 AM", "03/18/2025 11:30 AM", "92", "Yes", "No", "Room 1"],
        ["Room 2 - Kosovo/Albania", "", "03/18/2025 11:00 AM", "03/18/2025 11:30 AM", "30", "Yes", "No", ""],
        ["Marija Stojanovska", "m.stojanovska@mvr.gov.mk", "03/18/2025 10:15 AM", "03/18/2025 10:16 AM", "1", "Yes",
         "Yes", ""],
    ]  # fmt: skip
    path = write_csv(tmp_path / "participants_83412345678.csv", rows)
    event = propose_event([plan_file(path)])
    import_files(directory, [path], event=event)
    assert _people(directory) == {"Ana Kovač": [(event.name, "participant")], "Marija Stojanovska": []}
