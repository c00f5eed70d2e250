import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from delegates import exports
from delegates.enums import RegistrationStatus
from delegates.exports import is_formula_like, neutralise_formula
from delegates.models import Registration
from tests.factories import DelegationFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

EXPORT_CSV = reverse("admin:delegates_registration_export", args=["csv"])
EXPORT_XLSX = reverse("admin:delegates_registration_export", args=["xlsx"])


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], sheet


@pytest.fixture
def mixed_statuses():
    meeting = MeetingFactory()
    approved = [
        RegistrationFactory(
            meeting=meeting, family_name="Santoso", status=RegistrationStatus.APPROVED
        ),
        RegistrationFactory(
            meeting=meeting, family_name="Chaiyasit", status=RegistrationStatus.APPROVED
        ),
    ]
    RegistrationFactory(
        meeting=meeting, family_name="Islam", status=RegistrationStatus.SUBMITTED
    )
    RegistrationFactory(
        meeting=meeting, family_name="Dorji", status=RegistrationStatus.REJECTED
    )
    return approved


def test_csv_export_of_the_approved_filter_holds_only_approved_rows(
    organiser_client, mixed_statuses
):
    response = organiser_client.get(EXPORT_CSV, {"status__exact": "approved"})

    rows = read_csv(response)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert [row["Family name"] for row in rows] == ["Chaiyasit", "Santoso"]
    assert {row["Status"] for row in rows} == {"Approved"}


def test_xlsx_export_of_the_approved_filter_holds_only_approved_rows(
    organiser_client, mixed_statuses
):
    response = organiser_client.get(EXPORT_XLSX, {"status__exact": "approved"})

    rows, _sheet = read_xlsx(response)
    assert [row["Family name"] for row in rows] == ["Chaiyasit", "Santoso"]
    assert {row["Status"] for row in rows} == {"Approved"}


def test_export_follows_the_search_too(organiser_client, mixed_statuses):
    response = organiser_client.get(EXPORT_CSV, {"q": "Dorji"})

    assert [row["Family name"] for row in read_csv(response)] == ["Dorji"]


def test_export_has_the_secretariats_columns_and_values(organiser_client):
    meeting = MeetingFactory()
    registration = RegistrationFactory(
        meeting=meeting,
        honorific="he",
        given_name="Thị Hương",
        family_name="Nguyễn",
        badge_name="Huong Nguyen",
        job_title="Deputy Director-General",
        organisation="Ministry of Planning and Investment",
        country="VN",
        nationality="VN",
        role="head",
        delegation=DelegationFactory(meeting=meeting, name="Viet Nam"),
        email="huong@mpi.example.org",
        phone="+84912345678",
        status=RegistrationStatus.APPROVED,
        needs_visa_letter=True,
        arrival_date=meeting.start_date - datetime.timedelta(days=1),
        departure_date=meeting.end_date,
        dietary_requirements="Vegetarian",
        accessibility_requirements="Step-free access",
    )

    [row] = read_csv(organiser_client.get(EXPORT_CSV))

    assert row["Honorific"] == "H.E."
    assert row["Given name"] == "Thị Hương"
    assert row["Name on badge"] == "Huong Nguyen"
    assert row["Country"] == "Viet Nam"
    assert row["Nationality"] == "Viet Nam"
    assert row["Category"] == "Member State"
    assert row["Capacity"] == "Head of delegation"
    assert row["Delegation"] == "Viet Nam"
    assert row["Phone"] == "+84912345678"
    assert row["Visa letter"] == "yes"
    assert row["Arrival"] == (meeting.start_date - datetime.timedelta(1)).isoformat()
    assert row["Departure"] == meeting.end_date.isoformat()
    assert row["Dietary requirements"] == "Vegetarian"
    assert row["Accessibility requirements"] == "Step-free access"
    submitted_in_bangkok = registration.created_at.astimezone(meeting.tzinfo)
    assert row["Submitted"] == submitted_in_bangkok.strftime("%Y-%m-%d %H:%M")


def test_export_neutralises_cells_that_would_run_as_formulas(organiser_client):
    RegistrationFactory(
        given_name='=HYPERLINK("http://evil.example","x")',
        family_name="+cmd|' /C calc'!A0",
        organisation="@SUM(1+1)",
        job_title="-2+3",
        phone="+66812345678",
    )

    [csv_row] = read_csv(organiser_client.get(EXPORT_CSV))
    [xlsx_row], sheet = read_xlsx(organiser_client.get(EXPORT_XLSX))

    assert csv_row["Given name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert csv_row["Family name"] == "'+cmd|' /C calc'!A0"
    assert csv_row["Organisation"] == "'@SUM(1+1)"
    assert csv_row["Job title"] == "'-2+3"
    assert csv_row["Phone"] == "+66812345678"
    assert xlsx_row["Given name"] == '=HYPERLINK("http://evil.example","x")'
    given_name_cell = sheet.cell(row=2, column=2)
    assert given_name_cell.data_type == "s"
    assert given_name_cell.quotePrefix is True


def test_formula_detection_spares_plain_text_and_phone_numbers():
    assert is_formula_like("=1+1")
    assert is_formula_like("\t=1+1")
    assert not is_formula_like("Ministry of Finance")
    assert not is_formula_like("+6799901234")
    assert neutralise_formula("+1 (555) =cmd") == "'+1 (555) =cmd"


def test_passport_columns_are_exported_only_with_the_passport_permission(
    client, organiser_role_user, viewer_user
):
    RegistrationFactory(
        passport_number="FJ7654321", date_of_birth=datetime.date(1979, 2, 3)
    )

    client.force_login(organiser_role_user)
    [organiser_row] = read_csv(client.get(EXPORT_CSV))
    client.force_login(viewer_user)
    [viewer_row] = read_csv(client.get(EXPORT_CSV))
    viewer_xlsx = client.get(EXPORT_XLSX).content

    assert organiser_row["Passport number"] == "FJ7654321"
    assert organiser_row["Date of birth"] == "1979-02-03"
    assert "Passport number" not in viewer_row
    assert "Date of birth" not in viewer_row
    assert b"FJ7654321" not in viewer_xlsx


def test_export_needs_a_staff_user_who_may_view_registrations(client):
    from tests.factories import UserFactory

    RegistrationFactory(family_name="Chaiyasit")
    client.force_login(UserFactory(is_staff=True))

    response = client.get(EXPORT_CSV)

    assert response.status_code == 403
    assert b"Chaiyasit" not in response.content


def test_export_of_an_unknown_format_is_not_found(organiser_client):
    response = organiser_client.get(
        reverse("admin:delegates_registration_export", args=["pdf"])
    )

    assert response.status_code == 404


def test_export_with_a_bad_filter_goes_back_to_the_list(organiser_client):
    response = organiser_client.get(EXPORT_CSV, {"created_at__year": "not-a-year"})

    assert response.status_code == 302
    assert response["Location"].endswith("/admin/delegates/registration/?e=1")


@pytest.mark.parametrize(
    ("url", "reader"), [(EXPORT_CSV, "csv"), (EXPORT_XLSX, "xlsx")]
)
def test_export_query_count_does_not_grow_with_rows(organiser_client, url, reader):
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, delegation=delegation)

    def export():
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(url)
            rows = read_csv(response) if reader == "csv" else read_xlsx(response)[0]
        return rows, len(queries)

    _rows, one = export()
    RegistrationFactory.create_batch(49, meeting=meeting, delegation=delegation)
    rows, fifty = export()

    assert len(rows) == 50
    assert fifty == one


def test_export_of_10000_registrations_runs_a_fixed_number_of_queries(
    organiser_client, django_assert_max_num_queries
):
    meeting = MeetingFactory()
    delegations = DelegationFactory.create_batch(3, meeting=meeting)
    Registration.objects.bulk_create(
        RegistrationFactory.build(
            meeting=meeting,
            delegation=delegations[number % 3],
            email=f"delegate{number}@bulk.example.org",
            status=RegistrationStatus.APPROVED,
        )
        for number in range(10_000)
    )

    with django_assert_max_num_queries(12):
        rows = read_csv(organiser_client.get(EXPORT_CSV, {"status__exact": "approved"}))

    assert len(rows) == 10_000
    assert {row["Delegation"] for row in rows} == {d.name for d in delegations}


def csv_lines(response):
    """The file's rows, each as one text: the cells joined by commas."""
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return [",".join(row) for row in csv.reader(io.StringIO(content))]


def test_csv_export_past_its_time_limit_ends_saying_it_is_incomplete(
    organiser_client, mixed_statuses, settings
):
    settings.EXPORT_SECONDS_LIMIT = 0

    lines = csv_lines(organiser_client.get(EXPORT_CSV))

    assert lines[0].startswith("Honorific,Given name")
    assert lines[-1] == (
        "EXPORT INCOMPLETE: only 0 of 4 rows were written. "
        "Filter the list to export fewer rows, or try again."
    )


def test_csv_export_that_fails_part_way_ends_saying_it_is_incomplete(
    organiser_client, mixed_statuses, monkeypatch
):
    # A fault while reading the third row (a lost database connection, a bug).
    index = next(
        i for i, column in enumerate(exports.COLUMNS) if column.header == "Given name"
    )
    seen = []

    def fails_on_the_third_row(registration, labels):
        seen.append(registration)
        if len(seen) == 3:
            raise RuntimeError("connection lost")
        return registration.given_name

    columns = list(exports.COLUMNS)
    columns[index] = exports.Column("Given name", fails_on_the_third_row)
    monkeypatch.setattr(exports, "COLUMNS", columns)

    lines = csv_lines(organiser_client.get(EXPORT_CSV))

    assert len(lines) == 1 + 2 + 1
    assert lines[-1].startswith("EXPORT INCOMPLETE: only 2 of 4 rows were written.")


def test_a_complete_csv_export_has_no_incomplete_line(organiser_client, mixed_statuses):
    lines = csv_lines(organiser_client.get(EXPORT_CSV))

    assert len(lines) == 1 + 4
    assert not any("EXPORT INCOMPLETE" in line for line in lines)


def test_export_labels_are_read_once_for_all_rows():
    registrations = RegistrationFactory.build_batch(
        3, country="VN", category="member_state", honorific="ms"
    )

    rows = list(exports.row_values(registrations, columns=exports.COLUMNS))

    headers = [str(column.header) for column in exports.COLUMNS]
    first = dict(zip(headers, rows[0], strict=True))
    assert (first["Country"], first["Category"], first["Honorific"]) == (
        "Viet Nam",
        "Member State",
        "Ms",
    )
