"""Registrations as CSV and Excel files for the secretariat.

The admin passes the changelist's filtered queryset; this module turns it into rows
with a fixed set of columns, leaving out passport and personal data for users
without the permission. Every text cell that a spreadsheet would read as a formula
is neutralised (CSV/formula injection).

Labels of choices and country names are looked up once per export, not per row
(``ExportLabels``). A streamed CSV that cannot finish (an error, or
EXPORT_SECONDS_LIMIT reached before a worker timeout would cut it) ends with a
line saying it is incomplete, so a cut file never looks whole.
"""

import csv
import dataclasses
import datetime
import io
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .enums import DelegationRole, Honorific, ParticipantCategory, RegistrationStatus

logger = logging.getLogger(__name__)

CSV = "csv"
XLSX = "xlsx"
FORMATS = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# Rows fetched from the database at a time: memory stays flat for 10,000 rows.
CHUNK_SIZE = 2000

# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A phone number in E.164 form starts with "+" but cannot carry a formula.
E164_PHONE = re.compile(r"\+\d{1,15}")


@dataclass(frozen=True)
class Column:
    header: str
    # value(registration, labels: ExportLabels) -> the cell's Python value
    value: Callable


@dataclasses.dataclass(frozen=True)
class ExportLabels:
    """Choice labels and country names in the active language, read once."""

    honorific: dict
    category: dict
    role: dict
    status: dict
    country: dict
    yes: str
    no: str

    @classmethod
    def current(cls):
        def labels(choices):
            return {value: str(label) for value, label in choices.choices}

        return cls(
            honorific=labels(Honorific),
            category=labels(ParticipantCategory),
            role=labels(DelegationRole),
            status=labels(RegistrationStatus),
            country={code: str(name) for code, name in countries},
            yes=gettext("yes"),
            no=gettext("no"),
        )


def _date(value):
    return value or None


def _country(country, labels):
    return labels.country.get(country.code, "") if country else ""


def _phone(value):
    return str(value) if value else ""


def _submitted(registration, labels):
    """When the registration was submitted, in the meeting's own time zone."""
    local = timezone.localtime(registration.created_at, registration.meeting.tzinfo)
    return local.replace(tzinfo=None, microsecond=0)


COLUMNS = [
    Column(_("Honorific"), lambda r, labels: labels.honorific.get(r.honorific, "")),
    Column(_("Given name"), lambda r, labels: r.given_name),
    Column(_("Family name"), lambda r, labels: r.family_name),
    Column(_("Name on badge"), lambda r, labels: r.name_on_badge),
    Column(_("Job title"), lambda r, labels: r.job_title),
    Column(_("Organisation"), lambda r, labels: r.organisation),
    Column(_("Country"), lambda r, labels: _country(r.country, labels)),
    Column(_("Nationality"), lambda r, labels: _country(r.nationality, labels)),
    Column(_("Category"), lambda r, labels: labels.category.get(r.category, "")),
    Column(_("Capacity"), lambda r, labels: labels.role.get(r.role, "")),
    Column(
        _("Delegation"), lambda r, labels: r.delegation.name if r.delegation else ""
    ),
    Column(_("Email"), lambda r, labels: r.email),
    Column(_("Phone"), lambda r, labels: _phone(r.phone)),
    Column(_("Status"), lambda r, labels: labels.status.get(r.status, r.status)),
    Column(
        _("Visa letter"),
        lambda r, labels: labels.yes if r.needs_visa_letter else labels.no,
    ),
    Column(_("Arrival"), lambda r, labels: _date(r.arrival_date)),
    Column(_("Departure"), lambda r, labels: _date(r.departure_date)),
    Column(_("Dietary requirements"), lambda r, labels: r.dietary_requirements),
    Column(
        _("Accessibility requirements"),
        lambda r, labels: r.accessibility_requirements,
    ),
    Column(_("Submitted"), _submitted),
]

PERSONAL_DATA_COLUMNS = [
    Column(_("Passport number"), lambda r, labels: r.passport_number),
    Column(_("Passport expiry"), lambda r, labels: _date(r.passport_expiry)),
    Column(_("Date of birth"), lambda r, labels: _date(r.date_of_birth)),
    Column(_("Emergency contact"), lambda r, labels: r.emergency_contact_name),
    Column(
        _("Emergency contact phone"),
        lambda r, labels: _phone(r.emergency_contact_phone),
    ),
]


def columns_for(*, include_personal_data: bool) -> list[Column]:
    """Return the export's columns; personal data only when the user may see it."""
    if include_personal_data:
        return COLUMNS + PERSONAL_DATA_COLUMNS
    return list(COLUMNS)


def is_formula_like(value: str) -> bool:
    """Return whether a spreadsheet would evaluate this text as a formula."""
    return value.startswith(FORMULA_TRIGGERS) and not E164_PHONE.fullmatch(value)


def neutralise_formula(value: str) -> str:
    """Return the text with a leading apostrophe if it would run as a formula."""
    return f"'{value}" if is_formula_like(value) else value


def export_rows(queryset, *, columns: list[Column]) -> Iterator[list]:
    """Yield one list of Python values per registration, in the queryset's order."""
    queryset = queryset.select_related("meeting", "delegation")
    yield from row_values(queryset.iterator(chunk_size=CHUNK_SIZE), columns=columns)


def row_values(registrations, *, columns: list[Column]) -> Iterator[list]:
    """Yield the cells of each registration, labels read once for them all."""
    labels = ExportLabels.current()
    for registration in registrations:
        yield [column.value(registration, labels) for column in columns]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise_formula(str(value))


class _Echo:
    """A file-like object whose write() hands back the line (Django's CSV recipe)."""

    def write(self, value):
        return value


def iter_csv(
    headers: list[str], rows: Iterable[list], *, total=None, seconds=None
) -> Iterator[str]:
    """Yield the CSV file line by line, with a BOM so Excel reads it as UTF-8.

    Past ``seconds`` (default EXPORT_SECONDS_LIMIT), or when reading a row
    fails, the file ends with a line that says it is incomplete and how many of
    the ``total`` rows it holds, instead of stopping where a reader would take
    it for the whole list.
    """
    writer = csv.writer(_Echo())
    deadline = time.monotonic() + (
        settings.EXPORT_SECONDS_LIMIT if seconds is None else seconds
    )
    yield "\ufeff" + writer.writerow([str(header) for header in headers])
    written = 0
    rows = iter(rows)
    while True:
        if time.monotonic() >= deadline:
            logger.warning(
                "CSV export stopped at its time limit after %d rows", written
            )
            yield writer.writerow([incomplete_notice(written, total)])
            return
        try:
            row = next(rows, None)
        except Exception:
            logger.exception("CSV export failed after %d rows", written)
            yield writer.writerow([incomplete_notice(written, total)])
            return
        if row is None:
            return
        yield writer.writerow([_csv_text(value) for value in row])
        written += 1


def incomplete_notice(written, total) -> str:
    """The last line of an export that could not finish."""
    if total is None:
        return gettext(
            "EXPORT INCOMPLETE: only the %(written)d rows above were written. "
            "Filter the list to export fewer rows, or try again."
        ) % {"written": written}
    return gettext(
        "EXPORT INCOMPLETE: only %(written)d of %(total)d rows were written. "
        "Filter the list to export fewer rows, or try again."
    ) % {"written": written, "total": total}


def write_xlsx(headers: list[str], rows: Iterable[list]) -> bytes:
    """Return an .xlsx workbook of the rows; text cells never run as formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Registrations"))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    if not is_formula_like(value):
        return value
    # Keep the text as typed, stored as a string and marked the way Excel marks
    # text entered with a leading apostrophe, so it is never evaluated.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def export_response(queryset, *, file_format: str, include_personal_data: bool):
    """Return a download of the registrations in the given format (csv or xlsx)."""
    columns = columns_for(include_personal_data=include_personal_data)
    headers = [column.header for column in columns]
    rows = export_rows(queryset, columns=columns)
    filename = f"registrations-{timezone.localdate().isoformat()}.{file_format}"
    if file_format == CSV:
        response = StreamingHttpResponse(
            iter_csv(headers, rows, total=queryset.count()), content_type=FORMATS[CSV]
        )
    else:
        response = HttpResponse(write_xlsx(headers, rows), content_type=FORMATS[XLSX])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
