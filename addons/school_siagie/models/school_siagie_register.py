# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import datetime
import io
import unicodedata
import zipfile
from collections import defaultdict

import openpyxl
from openpyxl.utils import get_column_letter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.school_attendance_cl.models.school_attendance_register_line import CODE_BASE
from odoo.addons.school_attendance_cl.models.school_guard import (
    DIRECTOR,
    INSPECTOR,
    SECRETARY,
    to_db_int,
)

# The SIAGIE grid (seed 004, "Registro de Asistencia mensual"): its own
# Spanish wording, the same whatever the user's language, since the import
# reads it back. Rows and columns are 1-based, as in a spreadsheet.
TITLE = "REGISTRO DE ASISTENCIA MENSUAL"
LABELS = (
    (2, "Institución educativa:"),
    (3, "Grado:"),
    (4, "Sección:"),
    (5, "Código de sección:"),
    (6, "Mes:"),
)
VALUE_COL = 3  # C: the value of each label above
CODE_CELL = (5, VALUE_COL)  # C5: the section's code
MONTH_CELL = (6, VALUE_COL)  # C6: "OCTUBRE 2026"
HEADER_ROW = 8  # "#", "DNI/CUI", "APELLIDOS Y NOMBRES", 1, 2, … 31
WEEKDAY_ROW = 9  # L M X J V S D under each day
FIRST_ROW = 10  # the first student
FIRST_DAY_COL = 4  # D: day 1
HEADERS = ("#", "DNI/CUI", "APELLIDOS Y NOMBRES")
WEEKDAYS = "LMXJVSD"  # seed 004: "L M X J V S D"
MONTHS = (
    "ENERO",
    "FEBRERO",
    "MARZO",
    "ABRIL",
    "MAYO",
    "JUNIO",
    "JULIO",
    "AGOSTO",
    "SEPTIEMBRE",
    "OCTUBRE",
    "NOVIEMBRE",
    "DICIEMBRE",
)
LEGEND_LABEL = "Leyenda:"
# At most this many problems are listed in one message.
MAX_PROBLEMS = 40


def month_label(month):
    return "%s %s" % (MONTHS[month.month - 1], month.year)


def month_end(month):
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def plain(text):
    """``text`` without accents, upper case, single spaces (a SIAGIE name)."""
    text = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).upper().split())


def cell_name(row, col):
    return "%s%s" % (get_column_letter(col), row)


class SchoolSiagieRegister(models.AbstractModel):
    """The SIAGIE monthly attendance register of a grado/sección (seed 004):
    the grid (export as XLSX and PDF), the monthly closing and the import of
    a filled grid. Reads the class book of school_attendance_cl (its register
    rows, the school calendar) and writes marks only through its API
    (school.attendance.session.save_block, the one write path)."""

    _name = "school.siagie.register"
    _description = "SIAGIE Monthly Register"

    # ------------------------------------------------------- callers --
    @api.model
    def _school_require_exporter(self):
        # Secretaría, Inspectoría and the Director export and close.
        self.env["res.users"]._school_require_role(
            SECRETARY,
            message=self.env._(
                "Only Secretaría, Inspectoría or the Director can export or close the "
                "SIAGIE register."
            ),
        )

    @api.model
    def _school_require_importer(self):
        # Secretaría and the Director import (not Inspectoría, whose group
        # implies Secretaría's: checked apart).
        users = self.env["res.users"]
        if users._school_has_role(DIRECTOR) or (
            users._school_has_role(SECRETARY) and not users._school_has_role(INSPECTOR)
        ):
            return
        raise AccessError(
            self.env._("Only Secretaría or the Director can import a SIAGIE register.")
        )

    @api.model
    def _school_parse_args(self, batch_ids, month):
        if isinstance(batch_ids, models.BaseModel):
            batches = batch_ids
        else:
            try:
                batches = self.env["op.batch"].browse([to_db_int(bid) for bid in batch_ids])
            except (TypeError, ValueError):
                raise UserError(self.env._("Give the sections by their numbers.")) from None
        try:
            month = fields.Date.to_date(month)
        except (TypeError, ValueError):
            month = None
        if not month:
            raise UserError(self.env._("The month must be a valid date (YYYY-MM-DD)."))
        if not batches:
            raise UserError(self.env._("Choose at least one section."))
        return batches, month.replace(day=1)

    # ------------------------------------------------------------ API ----
    @api.model
    def grid_data(self, batch_ids, month):
        """The SIAGIE grid of each section for the month of ``month``: a
        list of dicts (plain values) with the school, grado, section, month,
        its days and weekdays, and a row per student enrolled during the
        month, ordered by surnames then names: number, document, name,
        the symbol of each day (blank on the days that are not school days,
        the status outside the enrolment). Secretaría, Inspectoría, the
        Director."""
        batches, month = self._school_parse_args(batch_ids, month)
        self._school_require_exporter()
        batches.check_access("read")
        batches._school_require_class_book()
        return self._school_grids(batches, month)

    @api.model
    def close_month(self, batch_ids, month):
        """Close the month of ``month`` for each section, after checking it
        is complete: the month is over (SIAGIE refuses future dates) and
        every school day has the daily mark of every student enrolled that
        day. All the sections or none; the problems are listed, each with its
        section, day and students. Secretaría, Inspectoría, the Director."""
        batches, month = self._school_parse_args(batch_ids, month)
        self._school_require_exporter()
        batches.check_access("read")
        batches._school_require_class_book()
        closing_model = self.env["school.siagie.closing"]
        problems = []
        for grid in self._school_grids(batches, month):
            section = grid["batch_name"]
            if (grid["batch_id"], month) in closing_model._school_closed_sections(
                grid["company_id"]
            ):
                problems.append(
                    self.env._(
                        "%(section)s: %(month)s is already closed.",
                        section=section,
                        month=grid["month_label"],
                    )
                )
                continue
            if grid["future_days"]:
                problems.append(
                    self.env._(
                        "%(section)s: %(month)s is not over (school days from %(day)s are still "
                        "to come) and SIAGIE does not accept future dates.",
                        section=section,
                        month=grid["month_label"],
                        day=grid["future_days"][0].strftime("%d/%m/%Y"),
                    )
                )
                continue
            missing = defaultdict(list)
            for row in grid["rows"]:
                for day in row["missing"]:
                    missing[day].append(row["name"])
            for day in sorted(missing):
                problems.append(
                    self.env._(
                        "%(section)s, %(day)s: no attendance for %(students)s.",
                        section=section,
                        day=day.strftime("%d/%m/%Y"),
                        students=", ".join(missing[day]),
                    )
                )
        if problems:
            raise UserError(self._school_problem_list(self.env._("Nothing was closed:"), problems))
        # sudo: closings are created only here, after the checks above.
        return closing_model.sudo().create(
            [
                {
                    "batch_id": batch.id,
                    "month": month,
                    "company_id": (batch.company_id or self.env.company).id,
                    "closed_by_id": self.env.uid,
                }
                for batch in batches
            ]
        )

    @api.model
    def import_grid(self, content, filename=None):
        """Import a filled SIAGIE grid (the XLSX this addon exports, one
        sheet per section and month), for a school that brings its history:
        every cell is checked first and nothing is written unless all are
        right (the errors name the sheet and the cell); then each school day
        of each section is saved as the school's daily block through the
        class book's own API (save_block). Days already in the class book
        must say the same. Secretaría or the Director. Returns counts."""
        self._school_require_importer()
        workbook = self._school_open_workbook(content)
        errors = []
        plans = []
        seen = {}
        for sheet in workbook.worksheets:
            plan = self._school_read_sheet(sheet, errors)
            if not plan:
                continue
            key = (plan["batch"].id, plan["month"])
            if key in seen:
                errors.append(
                    (
                        sheet.title,
                        cell_name(*CODE_CELL),
                        self.env._(
                            "The sheet %(other)s has this section and month already.",
                            other=seen[key],
                        ),
                    )
                )
                continue
            seen[key] = sheet.title
            plans.append(plan)
        if not errors and not plans:
            errors.append(("-", "-", self.env._("The file has no SIAGIE grid.")))
        if errors:
            raise UserError(
                self._school_problem_list(
                    self.env._("The SIAGIE grid was not imported; nothing was written:"),
                    [
                        self.env._(
                            "Sheet %(sheet)s, cell %(cell)s: %(message)s",
                            sheet=sheet,
                            cell=cell,
                            message=message,
                        )
                        for sheet, cell, message in errors
                    ],
                )
            )
        session_model = self.env["school.attendance.session"]
        code_key = {
            code_id: key
            for key, (code_id, _late) in self.env["school.attendance.code"]
            ._school_code_map()
            .items()
        }
        reason = self.env._(
            "Imported from the SIAGIE grid %(file)s", file=filename or self.env._("(no name)")
        )
        counts = {"sections": len(plans), "days": 0, "marks": 0}
        # All or nothing, even for a caller that catches the error.
        with self.env.cr.savepoint():
            for plan in plans:
                batch = plan["batch"]
                block = (batch.company_id or self.env.company).school_attendance_daily_block
                for day in sorted(plan["days"]):
                    marks = plan["days"][day]
                    session_model.save_block(
                        batch.id,
                        day,
                        block,
                        [
                            {"student_id": student_id, "code": code_key[code_id]}
                            for student_id, code_id in sorted(marks.items())
                            if code_id != plan["present_id"]
                        ],
                        reason=reason,
                    )
                    counts["days"] += 1
                    counts["marks"] += len(marks)
        return counts

    # ------------------------------------------------------ the grid --
    @api.model
    def _school_grids(self, batches, month):
        """The grids of ``batches`` for ``month`` (its 1st), read with the
        caller's rights; see grid_data. Each row also has ``missing`` (the
        school days up to today inside the enrolment without a daily mark)
        and ``window``; each grid ``school_days`` and ``future_days``."""
        last = month_end(month)
        ndays = last.day
        calendar = self.env["school.calendar"]
        siagie_code = self.env["school.siagie.code"]
        symbols = siagie_code._school_symbols()
        present_id = self.env["school.attendance.code"]._school_code_map()["present"][0]
        not_enrolled = siagie_code._school_symbol_of_key("not_enrolled")
        exit_symbol = {
            key: siagie_code._school_symbol_of_key(key)
            for key in ("transfer", "withdrawn", "deceased")
        }
        enrolments = self.env["op.student.course"].search(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", last),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", month),
            ]
        )
        # Per (section, student): first day in, last day in (None: stays),
        # the reason for leaving.
        windows = {}
        for enrolment in enrolments:
            key = (enrolment.batch_id.id, enrolment.student_id.id)
            start = enrolment.school_enrolment_date
            end = enrolment.school_withdrawal_date or None
            reason = enrolment.school_exit_reason or "withdrawn"
            if key in windows:
                old_start, old_end, old_reason = windows[key]
                start = min(start, old_start)
                if old_end is None or (end is not None and old_end > end):
                    end, reason = old_end, old_reason
            windows[key] = (start, end, reason)
        register = {
            (row["batch_id"], row["student_id"]): row
            for row in self.env["school.attendance.register.line"].search_read(
                [("batch_id", "in", batches.ids), ("month", "=", month)],
                ["batch_id", "student_id", "marked", "others", "codes"],
                load=None,
            )
        }
        students_of = defaultdict(list)
        for batch_id, student_id in windows:
            students_of[batch_id].append(student_id)
        students = self.env["op.student"].browse({key[1] for key in windows})
        student_by_id = {student.id: student for student in students}
        dates = [month + datetime.timedelta(days=offset) for offset in range(ndays)]
        grids = []
        for batch in batches:
            company = batch.company_id or self.env.company
            school_days = set(calendar._school_month_days(company, month))
            today = calendar.school_today(company)
            rows = []
            for student_id in students_of[batch.id]:
                student = student_by_id[student_id]
                start, end, reason = windows[batch.id, student_id]
                line = register.get((batch.id, student_id)) or {}
                marked, others = line.get("marked") or 0, line.get("others") or 0
                codes = line.get("codes") or ""
                cells = []
                missing = []
                for offset, day in enumerate(dates):
                    if day not in school_days:
                        cells.append("")
                    elif day < start:
                        cells.append(not_enrolled)
                    elif end is not None and day > end:
                        cells.append(exit_symbol[reason])
                    elif marked & (1 << offset):
                        code_id = (
                            ord(codes[offset]) - CODE_BASE if others & (1 << offset) else present_id
                        )
                        cells.append(symbols.get(code_id, ""))
                    else:
                        cells.append("")
                        if day <= today:
                            missing.append(day)
                rows.append(
                    {
                        "student_id": student_id,
                        "document": student.school_id_number or "",
                        "name": self._school_siagie_name(student),
                        "cells": cells,
                        "missing": missing,
                        "window": (start, end),
                    }
                )
            rows.sort(key=lambda row: (plain(row["name"]), row["name"], row["student_id"]))
            for number, row in enumerate(rows, start=1):
                row["number"] = number
            grids.append(
                {
                    "batch_id": batch.id,
                    "batch_name": batch.name,
                    "batch_code": batch.code or "",
                    "course_name": batch.course_id.name or "",
                    "company_id": company.id,
                    "school_name": company.name,
                    "month": month,
                    "month_label": month_label(month),
                    "days": dates,
                    "weekdays": [WEEKDAYS[day.weekday()] for day in dates],
                    "school_days": sorted(school_days),
                    "future_days": sorted(day for day in school_days if day > today),
                    "rows": rows,
                    "legend": self._school_legend(),
                }
            )
        return grids

    @api.model
    def _school_siagie_name(self, student):
        """The name as SIAGIE lists it: surnames, then names, upper case."""
        parts = [student.last_name, student.first_name, student.middle_name]
        name = " ".join(part.strip() for part in parts if part and part.strip())
        return (name or student.name or "").upper()

    @api.model
    def _school_legend(self):
        """``[(symbol, name)]`` of the codes with a symbol, in order, in
        SIAGIE's words (the class book's names may be Chilean ones)."""
        # sudo: a catalogue every role that exports reads.
        return [
            (line.symbol, line.label or line.code_id.name)
            for line in self.env["school.siagie.code"].sudo().search([])
            if line.symbol
        ]

    # ----------------------------------------------------- the import --
    @api.model
    def _school_open_workbook(self, content):
        if isinstance(content, str):
            try:
                content = base64.b64decode(content, validate=True)
            except (binascii.Error, ValueError):
                raise UserError(self.env._("The file is not a valid XLSX workbook.")) from None
        if not isinstance(content, bytes | bytearray) or not content:
            raise UserError(self.env._("The file is not a valid XLSX workbook."))
        try:
            return openpyxl.load_workbook(io.BytesIO(content), read_only=False, data_only=True)
        except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile):
            raise UserError(self.env._("The file is not a valid XLSX workbook.")) from None

    @api.model
    def _school_read_sheet(self, sheet, errors):
        """Check one sheet; append ``(sheet, cell, message)`` to ``errors``
        and return the sheet's plan: its section, month and ``{day:
        {student id: code id}}`` of the days the class book does not have
        yet (None when the sheet cannot be read at all)."""
        reader = _SheetReader(sheet, errors)
        head = self._school_read_head(reader)
        if not head:
            return None
        batch, month = head
        grid = self._school_grids(batch, month)[0]
        for offset in range(len(grid["days"])):
            if reader.value(HEADER_ROW, FIRST_DAY_COL + offset) != str(offset + 1):
                reader.error(
                    HEADER_ROW,
                    FIRST_DAY_COL + offset,
                    self.env._("The day %(day)s is expected here.", day=offset + 1),
                )
        if any(error[0] == sheet.title for error in errors):
            return None
        plan_days = defaultdict(dict)
        found = self._school_read_rows(reader, batch, grid, plan_days)
        present_id = self.env["school.attendance.code"]._school_code_map()["present"][0]
        self._school_compare_existing(batch, month, plan_days, found, present_id, reader.error)
        return {"batch": batch, "month": month, "days": plan_days, "present_id": present_id}

    @api.model
    def _school_read_head(self, reader):
        """The section (C5) and the month (C6) of a sheet, or None."""
        code = reader.value(*CODE_CELL)
        batch = self.env["op.batch"].search([("code", "=", code)], limit=1) if code else None
        if not batch:
            reader.error(
                *CODE_CELL,
                self.env._("No section of the school has the code %(code)s.", code=code or "-"),
            )
            return None
        month = self._school_parse_month(reader.sheet.cell(*MONTH_CELL).value)
        if not month:
            reader.error(
                *MONTH_CELL,
                self.env._(
                    "Write the month as the export does, e.g. %(example)s.",
                    example=month_label(fields.Date.context_today(self).replace(day=1)),
                ),
            )
            return None
        company = batch.company_id or self.env.company
        if month in self.env["school.attendance.month"]._school_closed_months(company.id) or (
            batch.id,
            month,
        ) in self.env["school.siagie.closing"]._school_closed_sections(company.id):
            reader.error(
                *MONTH_CELL,
                self.env._(
                    "The attendance of %(section)s for %(month)s is closed.",
                    section=batch.name,
                    month=month_label(month),
                ),
            )
            return None
        batch._school_require_class_book()
        return batch, month

    @api.model
    def _school_read_rows(self, reader, batch, grid, plan_days):
        """Match each student row of the sheet and check its cells into
        ``plan_days``; returns ``{student id: sheet row}``."""
        month_text = month_label(grid["month"])
        by_document = {row["document"]: row for row in grid["rows"] if row["document"]}
        by_name = defaultdict(list)
        for row in grid["rows"]:
            by_name[plain(row["name"])].append(row)
        context = {
            "symbols": self._school_import_symbols(),
            "school_days": set(grid["school_days"]),
            "today": self.env["school.calendar"].school_today(batch.company_id or self.env.company),
        }
        found = {}
        sheet_row = FIRST_ROW
        while any(reader.value(sheet_row, col) for col in (1, 2, 3)):
            if LEGEND_LABEL in (reader.value(sheet_row, 1), reader.value(sheet_row, 3)):
                break
            document, name = reader.value(sheet_row, 2), reader.value(sheet_row, 3)
            row = by_document.get(document) if document else None
            if not row and not document and len(by_name.get(plain(name), [])) == 1:
                row = by_name[plain(name)][0]
            if not row:
                reader.error(
                    sheet_row,
                    2,
                    self.env._(
                        "No student of %(section)s in %(month)s has the document "
                        "%(document)s (%(name)s).",
                        section=batch.name,
                        month=month_text,
                        document=document or "-",
                        name=name or "-",
                    ),
                )
            elif row["student_id"] in found:
                reader.error(
                    sheet_row,
                    2,
                    self.env._(
                        "%(name)s is already in row %(row)s.",
                        name=row["name"],
                        row=found[row["student_id"]],
                    ),
                )
            else:
                found[row["student_id"]] = sheet_row
                for offset, day in enumerate(grid["days"]):
                    code_id = self._school_read_cell(reader, sheet_row, offset, day, row, context)
                    if code_id:
                        plan_days[day][row["student_id"]] = code_id
            sheet_row += 1
        for row in grid["rows"]:
            if row["student_id"] not in found:
                reader.error(
                    sheet_row,
                    1,
                    self.env._(
                        "%(name)s (%(document)s) is in the section in %(month)s but has no row.",
                        name=row["name"],
                        document=row["document"] or "-",
                        month=month_text,
                    ),
                )
        return found

    @api.model
    def _school_read_cell(self, reader, sheet_row, offset, day, row, context):
        """Check one day cell of a student; the code id to write, if any."""
        col = FIRST_DAY_COL + offset
        text = reader.value(sheet_row, col).upper()
        when = day.strftime("%d/%m/%Y")
        start, end = row["window"]
        message = None
        if day not in context["school_days"]:
            if text:
                message = self.env._("%(day)s is not a school day: leave it blank.", day=when)
        elif day < start or (end is not None and day > end):
            expected = row["cells"][offset]
            if text not in ("", expected):
                message = self.env._(
                    "%(name)s is not enrolled in the section on %(day)s: leave it blank or "
                    "write %(symbol)s.",
                    name=row["name"],
                    day=when,
                    symbol=expected or "-",
                )
        elif day > context["today"]:
            if text:
                message = self.env._(
                    "%(day)s is still to come: SIAGIE does not accept future dates.", day=when
                )
        elif not text:
            message = self.env._("The attendance of %(day)s is missing.", day=when)
        elif text not in context["symbols"]:
            message = self.env._(
                "Unknown symbol %(value)s: use one of %(symbols)s.",
                value=text,
                symbols=" ".join(context["symbols"]),
            )
        else:
            return context["symbols"][text]
        if message:
            reader.error(sheet_row, col, message)
        return None

    @api.model
    def _school_compare_existing(self, batch, month, plan_days, found, present_id, error):
        """Days already in the class book (the daily block exists) must say
        what the grid says: then they are left alone (dropped from
        ``plan_days``); otherwise each different cell is an error."""
        company = batch.company_id or self.env.company
        block = company.school_attendance_daily_block
        sessions = self.env["school.attendance.session"].search(
            [
                ("batch_id", "=", batch.id),
                ("date", ">=", month),
                ("date", "<=", month_end(month)),
                ("block", "=", block),
            ]
        )
        if not sessions:
            return
        existing = {(line.date, line.student_id.id): line.code_id for line in sessions.line_ids}
        symbols = self.env["school.siagie.code"]._school_symbols()
        for day in {session.date for session in sessions}:
            for student_id, code_id in plan_days.pop(day, {}).items():
                code = existing.get((day, student_id))
                if code and code.id == code_id:
                    continue
                error(
                    found[student_id],
                    FIRST_DAY_COL + (day - month).days,
                    self.env._(
                        "The class book already has %(value)s for %(day)s; correct it there, "
                        "not by an import.",
                        value=symbols.get(code.id, code.name) if code else self.env._("no mark"),
                        day=day.strftime("%d/%m/%Y"),
                    ),
                )

    @api.model
    def _school_import_symbols(self):
        """``{symbol: code id}`` of the active codes with a symbol."""
        code_map = self.env["school.attendance.code"]._school_code_map()
        active = {code_id for code_id, _late in code_map.values()}
        return {
            symbol.upper(): code_id
            for code_id, symbol in self.env["school.siagie.code"]._school_symbols().items()
            if symbol and code_id in active
        }

    @api.model
    def _school_parse_month(self, raw):
        if isinstance(raw, datetime.datetime):
            return raw.date().replace(day=1)
        if isinstance(raw, datetime.date):
            return raw.replace(day=1)
        parts = plain(str(raw or "")).split()
        if len(parts) == 2 and parts[0] in MONTHS and parts[1].isdigit():
            return datetime.date(int(parts[1]), MONTHS.index(parts[0]) + 1, 1)
        return None

    @api.model
    def _school_problem_list(self, title, problems):
        lines = [title] + ["· %s" % problem for problem in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(self.env._("…and %(count)s more.", count=len(problems) - MAX_PROBLEMS))
        return "\n".join(lines)


class _SheetReader:
    """A sheet's cells as stripped text, and its errors with their cell."""

    def __init__(self, sheet, errors):
        self.sheet = sheet
        self.errors = errors

    def value(self, row, col):
        raw = self.sheet.cell(row=row, column=col).value
        if raw is None:
            return ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return str(raw).strip()

    def error(self, row, col, message):
        self.errors.append((self.sheet.title, cell_name(row, col), message))
