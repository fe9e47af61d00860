# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The survey's workbook: download (xlsxwriter) and strict upload (openpyxl).

Seed 000 "IMPORTANTE": the planilla must come back "en el MISMO formato:
NO agregar nuevas columnas, gráficos, nuevas pestañas". The download carries
a very hidden sheet with a payload signed by HMAC-SHA256 with the database
secret (school, course, month, template version, roster); the upload checks
the file (size, zip, parts), the signature, the structure and every cell,
and reports every problem per cell. The caller writes nothing unless the
list of problems is empty.
"""

import hashlib
import hmac
import io
import json
import re
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter

FORMAT_VERSION = 1
CONTROL_SHEET = "_control"
MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 60
MAX_ROWS = 5000
MAX_PROBLEMS = 200
MAX_TEXT = 1000
# Parts an untouched download never has: macros, external links, charts,
# drawings, pivot tables, embedded objects.
FORBIDDEN_PARTS = (
    ("xl/vbaproject", "macro"),
    ("xl/externallinks/", "link"),
    ("xl/charts/", "chart"),
    ("xl/drawings/", "chart"),
    ("xl/pivottables/", "pivot"),
    ("xl/pivotcache/", "pivot"),
    ("xl/embeddings/", "object"),
    ("xl/activex/", "macro"),
    ("xl/macrosheets/", "macro"),
)


# ------------------------------------------------------------------ helpers --
def _secret(env):
    # sudo: the database secret signs the download; nobody reads it back.
    return env["ir.config_parameter"].sudo().get_param("database.secret") or ""


def sign(env, payload):
    return hmac.new(_secret(env).encode(), payload.encode(), hashlib.sha256).hexdigest()


def _roster_hash(roster):
    text = "|".join("%s:%s" % (s.id, s.school_id_number or "") for s in roster)
    return hashlib.sha256(text.encode()).hexdigest()


def payload_of(sheet, questions, roster, lang):
    month = sheet.campaign_id.date_start
    return json.dumps(
        {
            "format": FORMAT_VERSION,
            "school": sheet.company_id.id,
            "rbd": sheet.company_id.school_rbd or "",
            "course": sheet.batch_id.id,
            "month": "%04d-%02d" % (month.year, month.month),
            "template": questions._fingerprint(),
            "roster": _roster_hash(roster),
            "students": len(roster),
            "lang": lang,
        },
        sort_keys=True,
    )


def columns(env, questions):
    """[(header, question, kind)] after the three fixed columns."""
    result = []
    for question in questions:
        if question.kind == "multiple":
            for index in range(1, max(question.max_choices, 1) + 1):
                result.append(("%s (%s)" % (question.name, index), question))
        else:
            result.append((question.name, question))
    return result


def fixed_headers(env):
    return [env._("No."), env._("RUN"), env._("Student")]


def sheet_names(env):
    return [env._("Survey"), env._("Lists"), CONTROL_SHEET]


def _options(question):
    return question.option_ids.filtered("active").sorted("sequence")


# ------------------------------------------------------------------ download --
def build(sheet, questions, roster):
    """The workbook of ``sheet`` (bytes)."""
    env = sheet.env
    lang = env.lang or "en_US"
    questions = questions.with_context(lang=lang)
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    survey_name, lists_name, control_name = sheet_names(env)
    survey = book.add_worksheet(survey_name)
    lists = book.add_worksheet(lists_name)
    control = book.add_worksheet(control_name)
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "border": 1})
    locked = book.add_format({"border": 1, "bg_color": "#F2F2F2"})
    editable = book.add_format({"locked": False, "border": 1})
    cols = columns(env, questions)
    headers = fixed_headers(env) + [header for header, _question in cols]
    survey.write_row(0, 0, headers, head)
    survey.set_row(0, 45)
    survey.set_column(0, 0, 5)
    survey.set_column(1, 1, 13)
    survey.set_column(2, 2, 34)
    survey.set_column(3, 2 + len(cols), 24, editable)
    survey.freeze_panes(1, 3)
    # The allowed answers, one column per question, on the (hidden) list
    # sheet: a drop-down list source longer than 255 characters.
    list_ranges = {}
    list_col = 0
    for question in questions:
        if question.kind == "text":
            continue
        names = _options(question).mapped("name")
        lists.write_column(0, list_col, names)
        letter = get_column_letter(list_col + 1)
        list_ranges[question.id] = "='%s'!$%s$1:$%s$%s" % (
            lists_name,
            letter,
            letter,
            max(len(names), 1),
        )
        list_col += 1
    last = len(roster)
    for row, student in enumerate(roster, 1):
        survey.write_number(row, 0, row, locked)
        survey.write_string(row, 1, student.school_id_number or "", locked)
        survey.write_string(row, 2, student.name or "", locked)
        for col in range(len(cols)):
            survey.write_blank(row, 3 + col, None, editable)
    for col, (_header, question) in enumerate(cols, 3):
        if question.kind == "text" or not last:
            continue
        survey.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": list_ranges[question.id],
                "error_title": env._("Answer not allowed"),
                "error_message": env._("Choose one of the answers of the list."),
            },
        )
    survey.protect("", {"format_columns": True, "format_rows": True})
    lists.protect()
    lists.hide()
    payload = payload_of(sheet, questions, roster, lang)
    control.write_string(0, 0, "payload")
    control.write_string(0, 1, payload)
    control.write_string(1, 0, "signature")
    control.write_string(1, 1, sign(env, payload))
    control.protect()
    control.hide()
    survey.activate()
    book.close()
    return _lock_structure(stream.getvalue(), control_name)


def _lock_structure(content, control_name):
    """Add workbook structure protection and make the control sheet very
    hidden (xlsxwriter 3.0 offers neither)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = data.decode()
                text = text.replace(
                    "<bookViews>", '<workbookProtection lockStructure="1"/><bookViews>', 1
                )
                text = text.replace(
                    '<sheet name="%s" sheetId="3" state="hidden"' % control_name,
                    '<sheet name="%s" sheetId="3" state="veryHidden"' % control_name,
                )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


# -------------------------------------------------------------------- upload --
class _Problems(list):
    def __init__(self, env):
        super().__init__()
        self.env = env
        self.overflow = 0

    def add(self, message):
        if len(self) < MAX_PROBLEMS:
            self.append(message)
        else:
            self.overflow += 1

    def result(self):
        if self.overflow:
            return list(self) + [self.env._("…and %(count)s more problems.", count=self.overflow)]
        return list(self)


def _check_bytes(env, content, problems):
    """Size and signature of the file. False when reading must stop."""
    _ = env._
    if not content:
        problems.add(_("The file is empty."))
    elif len(content) > MAX_BYTES:
        problems.add(
            _(
                "The file is too large (%(size)s KB; at most %(max)s KB).",
                size=len(content) // 1024,
                max=MAX_BYTES // 1024,
            )
        )
    elif content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        problems.add(
            _(
                "The file is an old Excel workbook (.xls) or a protected one: upload the "
                ".xlsx workbook downloaded from the school system."
            )
        )
    elif content[:4] != b"PK\x03\x04":
        problems.add(NOT_XLSX(env))
    else:
        return True
    return False


def NOT_XLSX(env):
    return env._("The file is not an Excel workbook (.xlsx): upload the downloaded workbook.")


def DAMAGED(env):
    return env._("The file is damaged: it cannot be opened as an Excel workbook.")


def _check_file(env, content, problems):
    """The container: size, zip, parts. False when reading must stop."""
    _ = env._
    if not _check_bytes(env, content, problems):
        return False
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        problems.add(DAMAGED(env))
        return False
    if len(infos) > MAX_PARTS:
        problems.add(_("The workbook has too many parts: upload the downloaded workbook."))
        return False
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNCOMPRESSED or info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.add(
                _(
                    "The workbook expands to too much data (compressed file bomb?): "
                    "upload the downloaded workbook."
                )
            )
            return False
    names = sorted({info.filename.lower() for info in infos})
    if "xl/workbook.xml" not in names:
        problems.add(NOT_XLSX(env))
        return False
    return _check_parts(env, archive, names, problems)


def _check_parts(env, archive, names, problems):
    """No macro, link, chart, pivot, object or merged cell."""
    _ = env._
    messages = {
        "macro": _("The workbook contains macros: they are not allowed."),
        "link": _("The workbook contains links to other files: they are not allowed."),
        "chart": _("The workbook contains charts or drawings: do not add them."),
        "pivot": _("The workbook contains pivot tables: do not add them."),
        "object": _("The workbook contains embedded objects: do not add them."),
    }
    found = {kind for name in names for prefix, kind in FORBIDDEN_PARTS if name.startswith(prefix)}
    for kind in sorted(found):
        problems.add(messages[kind])
    for name in names:
        if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            continue
        try:
            data = archive.read(name)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            problems.add(DAMAGED(env))
            return False
        if b"<mergeCell " in data or b"<mergeCell>" in data:
            problems.add(_("The workbook has merged cells: undo them."))
            break
    return not found


def _read_control(env, book, problems):
    """The verified payload (dict) of the control sheet, or None."""
    _ = env._
    if CONTROL_SHEET not in book.sheetnames:
        problems.add(
            _(
                "The workbook was not downloaded from the school system (its control "
                "sheet is missing): download it again."
            )
        )
        return None
    rows = list(book[CONTROL_SHEET].iter_rows(min_row=1, max_row=3, max_col=3, values_only=True))
    values = {row[0]: row[1] for row in rows if row and len(row) >= 2}
    payload, signature = values.get("payload"), values.get("signature")
    if (
        not isinstance(payload, str)
        or not isinstance(signature, str)
        or not hmac.compare_digest(sign(env, payload), signature)
    ):
        problems.add(_("The workbook's control sheet was modified: download the workbook again."))
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        problems.add(_("The workbook's control sheet was modified: download the workbook again."))
        return None
    return data


def parse(sheet, questions, roster, content):
    """Check ``content`` against ``sheet``. Returns (rows, problems): rows
    is [(student, {question id: (option ids, text)})] in roster order, the
    questions answered only (plain ids: the import writes them as they
    are); problems
    a list of Spanish (user language) messages, per cell where there is one."""
    env = sheet.env
    _ = env._
    problems = _Problems(env)
    if not _check_file(env, content, problems):
        return [], problems.result()
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=False, keep_links=False
        )
    except Exception:  # openpyxl raises many kinds on a damaged file
        problems.add(DAMAGED(env))
        return [], problems.result()
    try:
        return _parse_book(sheet, questions, roster, book, problems)
    finally:
        book.close()


def _parse_book(sheet, questions, roster, book, problems):
    env = sheet.env
    _ = env._
    data = _read_control(env, book, problems)
    if data is None:
        return [], problems.result()
    lang = data.get("lang") or "en_US"
    if lang not in dict(env["res.lang"].get_installed()):
        lang = env.lang or "en_US"
    lang_env = env(context=dict(env.context, lang=lang))
    questions = questions.with_env(lang_env)
    month = sheet.campaign_id.date_start
    expected_month = "%04d-%02d" % (month.year, month.month)
    if data.get("format") != FORMAT_VERSION:
        problems.add(_("The workbook is of an older version: download it again."))
    if data.get("school") != sheet.company_id.id:
        problems.add(_("The workbook belongs to another school."))
    if data.get("course") != sheet.batch_id.id:
        problems.add(
            _(
                "The workbook belongs to another course, not %(course)s.",
                course=sheet.batch_id.name,
            )
        )
    if data.get("month") != expected_month:
        problems.add(
            _(
                "The workbook is of month %(got)s, not %(expected)s.",
                got=data.get("month"),
                expected=expected_month,
            )
        )
    if data.get("template") != questions._fingerprint():
        problems.add(
            _("The survey questions changed since the workbook was downloaded: download it again.")
        )
    if data.get("roster") != _roster_hash(roster):
        problems.add(
            _(
                "The course's students changed since the workbook was downloaded "
                "(%(then)s then, %(now)s now): download it again.",
                then=data.get("students"),
                now=len(roster),
            )
        )
    if problems:
        return [], problems.result()
    expected_sheets = sheet_names(lang_env)
    if book.sheetnames != expected_sheets:
        problems.add(
            _(
                "The workbook's sheets were changed: expected %(expected)s, found %(found)s. "
                "Do not add, remove or rename sheets.",
                expected=", ".join(expected_sheets[:2]),
                found=", ".join(name for name in book.sheetnames if name != CONTROL_SHEET),
            )
        )
        return [], problems.result()
    _check_lists(lang_env, book[expected_sheets[1]], questions, problems)
    rows = _read_survey(lang_env, book[expected_sheets[0]], questions, roster, problems)
    if problems:
        return [], problems.result()
    return rows, []


def _check_lists(env, lists, questions, problems):
    expected = [_options(q).mapped("name") for q in questions if q.kind != "text"]
    found = [[] for _column in expected]
    extra = False
    for row in lists.iter_rows(max_row=MAX_ROWS, values_only=True):
        for index, value in enumerate(row or ()):
            if value in (None, ""):
                continue
            if index < len(found):
                found[index].append(value)
            else:
                extra = True
    if extra or found != expected:
        problems.add(env._("The list of allowed answers was changed: download the workbook again."))


def _cell_ref(row, col):
    return "%s%s" % (get_column_letter(col + 1), row)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return None  # not a text


class _Reader:
    """Reads the survey sheet row by row, adding problems as it goes."""

    def __init__(self, env, questions, roster, problems):
        self.env = env
        self.questions = questions
        self.roster = roster
        self.problems = problems
        self.cols = columns(env, questions)
        self.headers = fixed_headers(env) + [header for header, _question in self.cols]
        self.width = len(self.headers)
        # RUN -> (position, student, id, name): read once, not per row.
        self.by_run = {}
        for position, student in enumerate(roster):
            self.by_run.setdefault(
                (student.school_id_number or "").upper(),
                (position, student, student.id, student.name or ""),
            )
        self.options = {
            q.id: {option.name.strip().lower(): option.id for option in _options(q)}
            for q in questions
        }
        # Per column, read once: (question, its id, its kind).
        self.col_info = [(question, question.id, question.kind) for _h, question in self.cols]
        first_col = {}
        for col, (_question, qid, _kind) in enumerate(self.col_info, 3):
            first_col.setdefault(qid, col)
        self.required = [(q, q.id, first_col[q.id]) for q in questions if q.required]
        self.question_ids = questions.ids
        self.seen = {}
        self.rows = []

    def run(self, survey):
        _ = self.env._
        # Values only (no cell objects): with data_only=False, openpyxl 3.0
        # reads every formula (plain, shared, array) as its text, "=…".
        for row_number, cells in enumerate(survey.iter_rows(values_only=True), 1):
            if row_number > MAX_ROWS:
                self.problems.add(
                    _(
                        "The sheet has more than %(max)s rows: upload the downloaded workbook.",
                        max=MAX_ROWS,
                    )
                )
                break
            values = self._values(row_number, cells)
            if row_number == 1:
                if not self._header(values):
                    return []
            elif any(value not in (None, "") for value in values):
                self._row(row_number, values)
        self._missing()
        self.rows.sort(key=lambda item: item[0])
        return [(student, answers) for _position, student, answers in self.rows]

    def _values(self, row_number, values):
        _ = self.env._
        for col, value in enumerate(values):
            if isinstance(value, str) and value.startswith("="):
                self.problems.add(
                    _(
                        "Cell %(cell)s: formulas are not allowed; type the answer.",
                        cell=_cell_ref(row_number, col),
                    )
                )
        values = list(values)
        for col in range(self.width, len(values)):
            if values[col] not in (None, ""):
                self.problems.add(
                    _(
                        "Cell %(cell)s: a column was added; do not add columns.",
                        cell=_cell_ref(row_number, col),
                    )
                )
                break
        return (values + [None] * self.width)[: self.width]

    def _header(self, values):
        before = len(self.problems)
        for col, (got, expected) in enumerate(zip(values, self.headers, strict=True)):
            if _text(got) != expected:
                self.problems.add(
                    self.env._(
                        "Cell %(cell)s: the header must be “%(expected)s”, found “%(found)s”. "
                        "Do not add, remove, rename or move columns.",
                        cell=_cell_ref(1, col),
                        expected=expected,
                        found=got if got is not None else "",
                    )
                )
        return len(self.problems) == before

    def _student(self, row_number, values):
        _ = self.env._
        run = _text(values[1])
        if run is None:
            self.problems.add(
                _("Cell %(cell)s: the RUN must be text.", cell=_cell_ref(row_number, 1))
            )
            return None
        found = self.by_run.get(run.upper())
        if not found:
            self.problems.add(
                _(
                    "Row %(row)s: the RUN “%(run)s” is not a student of the course.",
                    row=row_number,
                    run=run,
                )
            )
            return None
        position, student, student_id, name = found
        if student_id in self.seen:
            self.problems.add(
                _(
                    "Row %(row)s: %(student)s is repeated (also in row %(other)s).",
                    row=row_number,
                    student=name,
                    other=self.seen[student_id],
                )
            )
            return None
        self.seen[student_id] = row_number
        if position + 2 != row_number:
            self.problems.add(
                _(
                    "Row %(row)s: %(student)s was moved (expected in row %(expected)s); "
                    "do not sort or move rows.",
                    row=row_number,
                    student=name,
                    expected=position + 2,
                )
            )
        if _text(values[2]) != name:
            self.problems.add(
                _(
                    "Cell %(cell)s: the name must be “%(name)s”; do not change the students' data.",
                    cell=_cell_ref(row_number, 2),
                    name=name,
                )
            )
        return position, student, name

    def _row(self, row_number, values):
        found = self._student(row_number, values)
        if not found:
            return
        position, student, name = found
        # {question id: [option ids, text]}, plain values while reading.
        answers = {}
        invalid = set()
        for col, (question, qid, kind) in enumerate(self.col_info, 3):
            value = values[col]
            if value not in (None, ""):
                before = len(self.problems)
                self._cell(row_number, col, value, question, qid, kind, answers)
                if len(self.problems) > before:
                    invalid.add(qid)
        for question, qid, first in self.required:
            ids, text = answers.get(qid) or ((), "")
            # A wrong value was reported already: no second message.
            if not ids and not text and qid not in invalid:
                self.problems.add(
                    self.env._(
                        "Cell %(cell)s: “%(question)s” must be answered for %(student)s.",
                        cell=_cell_ref(row_number, first),
                        question=question.name,
                        student=name,
                    )
                )
        # The answered questions, in the questions' order.
        self.rows.append(
            (
                position,
                student,
                {
                    qid: (tuple(answers[qid][0]), answers[qid][1])
                    for qid in self.question_ids
                    if qid in answers and (answers[qid][0] or answers[qid][1])
                },
            )
        )

    def _cell(self, row_number, col, value, question, qid, kind, answers):
        _ = self.env._
        ids, text = answers.setdefault(qid, [[], ""])
        if kind == "text":
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                self.problems.add(
                    _("Cell %(cell)s: the answer must be text.", cell=_cell_ref(row_number, col))
                )
                return
            text = str(value).strip()
            if len(text) > MAX_TEXT:
                self.problems.add(
                    _(
                        "Cell %(cell)s: at most %(max)s characters.",
                        cell=_cell_ref(row_number, col),
                        max=MAX_TEXT,
                    )
                )
            answers[qid][1] = text
            return
        label = _text(value)
        option = label is not None and self.options[qid].get(label.lower())
        if not option:
            self.problems.add(
                _(
                    "Cell %(cell)s: “%(value)s” is not in the list of answers of “%(question)s”.",
                    cell=_cell_ref(row_number, col),
                    value=value,
                    question=question.name,
                )
            )
        elif option in ids:
            self.problems.add(
                _(
                    "Cell %(cell)s: “%(value)s” is repeated for this question.",
                    cell=_cell_ref(row_number, col),
                    value=label,
                )
            )
        else:
            ids.append(option)

    def _missing(self):
        if not self.seen and not self.problems:
            self.problems.add(self.env._("The sheet has no students' rows."))
        for position, student in enumerate(self.roster):
            if student.id not in self.seen:
                self.problems.add(
                    self.env._(
                        "Row %(row)s: %(student)s (RUN %(run)s) is missing; do not delete rows.",
                        row=position + 2,
                        student=student.name,
                        run=student.school_id_number or "",
                    )
                )


def _read_survey(env, survey, questions, roster, problems):
    return _Reader(env, questions, roster, problems).run(survey)
