# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading a roll file (nómina de matrícula): CSV or XLSX into rows of text.

Pure functions, no ORM: the model (school.roll.import) maps the columns and
checks the values. Row numbers are those a spreadsheet shows (the header is
row 1), so that an error report points at the line the secretary sees.
"""

import csv
import datetime
import io
import re
import unicodedata

XLSX_MAGIC = b"PK\x03\x04"


class RollFileError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, empty, bad encoding)."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def normalize_label(text):
    """A header or a course name as compared: lower case, no accents or
    degree signs, single spaces (``"1° Básico  A"`` -> ``"1 basico a"``)."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("°", " ").replace("º", " ").replace("*", " ").replace(":", " ")
    return " ".join(text.lower().split())


def compact_label(text):
    """Only the letters and digits of ``normalize_label`` (``"1basicoa"``)."""
    return re.sub(r"[^0-9a-z]", "", normalize_label(text))


def _decode(content):
    """UTF-8 (with or without BOM) first; otherwise Windows-1252/Latin-1,
    which is what Excel writes for "CSV" on a Spanish Windows."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _sniff_delimiter(text):
    """``;`` (Excel in Spanish), ``,`` or a tab: whichever the header line
    has most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delim: first.count(delim) for delim in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_csv(content):
    text = _decode(content)
    reader = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text))
    return [[cell.strip() for cell in row] for row in reader]


def read_xlsx(content):
    # openpyxl is a declared external dependency of school_base.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as err:
        raise RollFileError("unreadable_xlsx") from err
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(content, filename=""):
    """(header, [(row number, [cells])]) of the file; blank rows skipped.

    XLSX is recognised by its content (a zip archive), whatever its name;
    anything else is read as CSV. Cells are stripped text, or dates where
    the spreadsheet stored a date."""
    if not content:
        raise RollFileError("empty")
    if content[:4] == XLSX_MAGIC or (filename or "").lower().endswith(".xlsx"):
        rows = read_xlsx(content)
    else:
        try:
            rows = read_csv(content)
        except csv.Error as err:
            raise RollFileError("unreadable_csv") from err
    numbered = [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if any(cell not in ("", None) for cell in row)
    ]
    if not numbered:
        raise RollFileError("empty")
    (_number, header), data = numbered[0], numbered[1:]
    return [str(h or "").strip() for h in header], data


DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%d-%m-%y", "%d/%m/%y")


def parse_date(value):
    """A date from a cell: a spreadsheet date, or text as a Chilean or
    Peruvian secretary writes it (31-12-2015, 31/12/2015) or ISO
    (2015-12-31). None when it is not a date."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def write_template(columns, instructions):
    """An XLSX workbook (bytes): the roll sheet with the column names only,
    and a sheet of instructions (one row per column)."""
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet("Nómina")
    for col, title in enumerate(columns):
        sheet.write_string(0, col, title, bold)
        # Text columns: Excel must not turn a RUN or a date into a number.
        sheet.set_column(col, col, max(14, len(title) + 4), text)
    sheet.freeze_panes(1, 0)
    help_sheet = workbook.add_worksheet("Instrucciones")
    for row, values in enumerate(instructions):
        for col, value in enumerate(values):
            help_sheet.write_string(row, col, value, bold if row == 0 else None)
    help_sheet.set_column(0, 1, 22)
    help_sheet.set_column(2, 2, 70)
    help_sheet.set_column(3, 3, 24)
    workbook.close()
    return output.getvalue()
