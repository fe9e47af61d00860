# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The workbook round trip and a generated corpus of malformed workbooks
(seed 000 "IMPORTANTE": the planilla comes back in the same format)."""

import base64
import datetime
import io
import json
import zipfile

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import workbook
from .common import WellbeingCase

# Columns of a 3° básico sheet: A No., B RUN, C name, D participation,
# E channel, F-H technical difficulties, I-K emotions, L observations.
PARTICIPATION, CHANNEL, TECH1, TECH2, EMO1, EMO2, OBS = 4, 5, 6, 7, 9, 10, 12


@tagged("post_install", "-at_install")
class TestWellbeingWorkbook(WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls.users["t_head"]
        cls.blank = cls.sheet.with_user(cls.head)._workbook_bytes()

    def valid(self):
        """The blank workbook filled correctly for both students (openpyxl)."""
        return self.fill(
            self.blank,
            {
                2: {
                    PARTICIPATION: "Took part in all or almost all activities",
                    CHANNEL: "Phone call",
                    TECH1: "Shares the device with others",
                    EMO1: "Anxiety or worry",
                    EMO2: "Stress",
                    OBS: "Conversamos con la madre",
                },
                3: {
                    PARTICIPATION: "No contact with the student or the family",
                    TECH1: "No internet connection",
                    TECH2: "No device (computer, tablet or phone)",
                },
            },
        )

    def counts(self):
        answers = self.env["school.wellbeing.answer"].with_context(active_test=False)
        return (
            answers.search_count([]),
            self.env["school.wellbeing.answer.line"].search_count([]),
            self.env["ir.attachment"].search_count([("res_model", "=", "school.wellbeing.sheet")]),
            self.sheet.version,
        )

    def upload(self, content, user=None):
        wizard = (
            self.env["school.wellbeing.upload"]
            .with_user(user or self.head)
            .create(
                {
                    "sheet_id": self.sheet.id,
                    "file": base64.b64encode(content),
                    "filename": "planilla.xlsx",
                }
            )
        )
        return wizard.action_import()

    # ----------------------------------------------------------- download --
    def test_download_layout(self):
        book = openpyxl.load_workbook(io.BytesIO(self.blank))
        self.assertEqual(book.sheetnames, ["Survey", "Lists", "_control"])
        self.assertEqual(book["_control"].sheet_state, "veryHidden")
        self.assertEqual(book["Lists"].sheet_state, "hidden")
        self.assertTrue(book.security.lockStructure)
        survey = book["Survey"]
        self.assertTrue(survey.protection.sheet)
        headers = [cell.value for cell in survey[1]]
        self.assertEqual(headers[:4], ["No.", "RUN", "Student", self.q["participation"].name])
        self.assertNotIn(self.q["work"].name, headers, "no work question below 7° básico")
        self.assertEqual(survey["B2"].value, self.third.school_id_number)
        self.assertEqual(survey["C3"].value, self.student.name)
        self.assertTrue(survey["B2"].protection.locked)
        self.assertFalse(survey["D2"].protection.locked)
        validations = survey.data_validations.dataValidation
        self.assertTrue(any("D2:D3" in str(v.sqref) for v in validations))
        payload = json.loads(book["_control"]["B1"].value)
        self.assertEqual(payload["month"], "2026-11")
        self.assertEqual(payload["course"], self.batch.id)
        self.assertEqual(payload["students"], 2)

    def test_work_question_from_seventh_grade(self):
        course = self.env["op.course"].create(
            {
                "name": "7° básico",
                "code": "T-B7",
                "school_level": "basica",
                "sige_teaching_code": "110",
                "sige_grade_code": 7,
                "company_id": self.school.id,
            }
        )
        self.assertIn(self.q["work"], self.env["school.wellbeing.question"]._for_course(course))
        self.assertNotIn(
            self.q["work"], self.env["school.wellbeing.question"]._for_course(self.course)
        )

    # ---------------------------------------------------------- round trip --
    def test_round_trip(self):
        self.assertEqual(self.counts()[3], 0)
        self.upload(self.valid())
        answers = self.sheet.answer_ids
        self.assertEqual(answers.student_id, self.student | self.third)
        carla = answers.filtered(lambda a: a.student_id == self.third)
        self.assertEqual(
            carla.option_ids,
            self.option("participation", "all")
            | self.option("channel", "phone")
            | self.option("tech", "shared_device")
            | self.option("emotions", "anxiety")
            | self.option("emotions", "stress"),
        )
        self.assertEqual(
            carla.line_ids.filtered(
                lambda line: line.question_id == self.q["observations"]
            ).text_value,
            "Conversamos con la madre",
        )
        ana = answers - carla
        self.assertEqual(
            ana.option_ids.mapped("risk_flag"), ["no_contact", "no_connectivity", "no_connectivity"]
        )
        self.assertTrue(all(answers.mapped("complete")))
        # The import inserts the rows in bulk (_insert_answers): the stored
        # options of each answer are its lines' options, as the ORM computes.
        for answer in answers:
            self.assertEqual(answer.option_ids, answer.line_ids.option_ids)
            self.assertEqual((answer.source, answer.version), ("workbook", 1))
        # The answers by month: one row per option chosen.
        trend = self.env["school.wellbeing.trend"].search([("answer_id", "in", answers.ids)])
        self.assertEqual(len(trend), len(carla.option_ids) + 3)
        self.assertEqual(self.sheet.version, 1)
        self.assertFalse(self.sheet.activity_ids, "a complete upload clears the reminder")
        # Re-upload replaces the month and keeps the previous version.
        second = self.fill(self.valid(), {2: {PARTICIPATION: "Took part in few activities"}})
        self.upload(second)
        self.assertEqual(self.sheet.version, 2)
        self.assertIn(self.option("participation", "few"), self.sheet.answer_ids.option_ids)
        archived = (
            self.env["school.wellbeing.answer"]
            .with_context(active_test=False)
            .search([("sheet_id", "=", self.sheet.id), ("active", "=", False)])
        )
        self.assertEqual(len(archived), 2)
        self.assertEqual(set(archived.mapped("version")), {1})
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "school.wellbeing.sheet"), ("res_id", "=", self.sheet.id)]
        )
        self.assertEqual(len(attachments), 2)

    def test_upload_refused_to_others_and_when_closed(self):
        for user in (self.users["t_teacher"], self.users["t_secretary"], self.guardian_user):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.upload(self.valid(), user=user)
        self.campaign.with_user(self.users["t_psychologist"]).action_close()
        before = self.counts()
        with self.assertRaises(UserError):
            self.upload(self.valid())
        self.assertEqual(self.counts(), before)

    def test_wizard_reports_problems_in_one_message(self):
        bad = self.fill(self.valid(), {2: {PARTICIPATION: "Siempre"}, 3: {EMO1: "Nada"}})
        before = self.counts()
        with self.assertRaises(UserError) as caught:
            self.upload(bad)
        message = str(caught.exception)
        self.assertIn("D2", message)
        self.assertIn("I3", message)
        self.assertEqual(self.counts(), before)

    # ------------------------------------------------------ malformed corpus --
    def test_malformed_corpus(self):
        corpus = list(MalformedCorpus(self).cases())
        self.assertGreaterEqual(len(corpus), 50)
        before = self.counts()
        failures = []
        for name, content, fragment in corpus:
            problems = self.sheet.with_user(self.head)._import_workbook(content)
            if not problems:
                failures.append("%s: accepted" % name)
            elif fragment and not any(fragment in problem for problem in problems):
                failures.append("%s: %r not in %s" % (name, fragment, problems[:3]))
            if self.counts() != before:
                failures.append("%s: the database changed" % name)
        self.assertFalse(failures, "\n".join(failures))
        # The valid workbook itself goes through.
        self.assertFalse(self.sheet.with_user(self.head)._import_workbook(self.valid()))


class MalformedCorpus:
    """Malformed variants of a valid filled workbook: (name, bytes, a
    fragment the problems must contain)."""

    def __init__(self, test):
        self.test = test
        self.valid = test.valid()

    def edit(self, change):
        book = openpyxl.load_workbook(io.BytesIO(self.valid))
        change(book)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def cells(self, values):
        return self.test.fill(self.valid, values)

    def with_part(self, name, data=b"<x/>"):
        source = zipfile.ZipFile(io.BytesIO(self.valid))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            target.writestr(name, data)
        return out.getvalue()

    def resigned(self, change):
        """The control payload changed and signed again with this database's
        secret (a workbook genuinely made for another school/month)."""

        def apply(book):
            control = book["_control"]
            data = json.loads(control["B1"].value)
            change(data)
            payload = json.dumps(data, sort_keys=True)
            control["B1"] = payload
            control["B2"] = workbook.sign(self.test.env, payload)

        return self.edit(apply)

    def cases(self):
        test = self.test
        sheet = test.sheet
        roster = sheet._roster()
        questions = sheet._questions()

        def ws(book):
            return book.worksheets[0]

        # Columns.
        yield "added column", self.edit(lambda b: ws(b).cell(1, 13, "Extra")), "M1"
        yield "value in new column", self.cells({2: {13: "algo"}}), "M2"
        yield "removed column", self.edit(lambda b: ws(b).delete_cols(5)), "E1"
        yield "removed first answer column", self.edit(lambda b: ws(b).delete_cols(4)), "D1"
        yield "renamed column", self.cells({1: {4: "Participación"}}), "D1"
        yield "blank header", self.cells({1: {5: None}}), "E1"
        yield "inserted column", self.edit(lambda b: ws(b).insert_cols(4)), "D1"

        def swap_columns(book):
            survey = ws(book)
            for row in range(1, 4):
                a, b = survey.cell(row, 4).value, survey.cell(row, 5).value
                survey.cell(row, 4, b)
                survey.cell(row, 5, a)

        yield "moved columns", self.edit(swap_columns), "D1"
        yield "header only added", self.cells({1: {20: "Notas"}}), "T1"
        # Sheets.
        yield "added sheet", self.edit(lambda b: b.create_sheet("Gráfico")), "sheets"
        yield "removed list sheet", self.edit(lambda b: b.remove(b["Lists"])), "sheets"
        yield (
            "renamed survey sheet",
            self.edit(lambda b: setattr(ws(b), "title", "Hoja1")),
            "sheets",
        )
        yield "renamed lowercase", self.edit(lambda b: setattr(ws(b), "title", "survey")), "sheets"
        yield "removed control sheet", self.edit(lambda b: b.remove(b["_control"])), "control"
        yield "moved sheets", self.edit(lambda b: b.move_sheet("Lists", offset=-1)), "sheets"
        yield "changed list", self.edit(lambda b: b["Lists"].cell(1, 1, "Otra")), "allowed answers"
        yield "added list value", self.edit(lambda b: b["Lists"].cell(30, 1, "Otra")), "allowed"
        # Rows.

        def swap_rows(book):
            survey = ws(book)
            for col in range(1, 13):
                a, b = survey.cell(2, col).value, survey.cell(3, col).value
                survey.cell(2, col, b)
                survey.cell(3, col, a)

        yield "moved rows", self.edit(swap_rows), "moved"
        yield "deleted row", self.edit(lambda b: ws(b).delete_rows(3)), "missing"
        yield "cleared row", self.cells({3: dict.fromkeys(range(1, 13))}), "missing"

        def duplicate_row(book):
            survey = ws(book)
            for col in range(1, 13):
                survey.cell(4, col, survey.cell(2, col).value)

        yield "duplicated row", self.edit(duplicate_row), "repeated"
        yield "unknown RUN", self.cells({4: {1: 3, 2: "5.555.555-5", 3: "X", 4: "Stress"}}), "5.555"
        yield "changed RUN", self.cells({2: {2: "1-9"}}), "1-9"
        yield "RUN as number", self.cells({2: {2: 99999993}}), "B2"
        yield "changed name", self.cells({2: {3: "Otra Persona"}}), "C2"
        yield "data below roster", self.cells({10: {4: "Stress"}}), "Row 10"
        yield "far row", self.cells({400: {2: "7-7"}}), "Row 400"
        yield "too many rows", self.cells({workbook.MAX_ROWS + 2: {4: "x"}}), "rows"
        # Values.
        yield "value not in list", self.cells({2: {PARTICIPATION: "Siempre"}}), "D2"
        yield "option of another question", self.cells({2: {PARTICIPATION: "Phone call"}}), "D2"
        yield "number", self.cells({2: {PARTICIPATION: 5}}), "D2"
        yield "float", self.cells({3: {CHANNEL: 1.5}}), "E3"
        yield "date", self.cells({2: {PARTICIPATION: datetime.date(2026, 11, 3)}}), "D2"
        yield "boolean", self.cells({3: {EMO1: True}}), "I3"
        yield "boolean in text", self.cells({3: {OBS: True}}), "L3"
        yield "missing required", self.cells({2: {PARTICIPATION: None}}), "D2"
        yield "repeated option", self.cells({2: {EMO2: "Anxiety or worry"}}), "J2"
        yield "text too long", self.cells({2: {OBS: "x" * 1001}}), "L2"
        yield "formula", self.cells({2: {PARTICIPATION: "=A1"}}), "D2"
        yield "formula in text", self.cells({3: {OBS: '=HYPERLINK("http://x")'}}), "L3"
        yield "formula in RUN", self.cells({2: {2: "=B3"}}), "B2"
        yield "merged cells", self.edit(lambda b: ws(b).merge_cells("D2:E2")), "merged"
        # Identity.
        other_sheet = sheet.campaign_id.sheet_ids - sheet
        yield "other course", other_sheet._workbook_bytes(), "another course"
        october = test._make_campaign(datetime.date(2026, 10, 1))
        october_sheet = october.sheet_ids.filtered(lambda s: s.batch_id == test.batch)
        yield "other month", october_sheet._workbook_bytes(), "2026-10"
        yield "old roster", workbook.build(sheet, questions, roster[:1]), "students"
        yield "old questions", workbook.build(sheet, questions[:-1], roster), "questions"

        def tamper(book):
            book["_control"]["B1"] = book["_control"]["B1"].value.replace("2026-11", "2026-12")

        yield "tampered payload", self.edit(tamper), "modified"
        yield (
            "tampered signature",
            self.edit(lambda b: b["_control"].cell(2, 2, "0" * 64)),
            "modified",
        )
        yield (
            "removed signature",
            self.edit(lambda b: setattr(b["_control"]["B2"], "value", None)),
            "modified",
        )
        yield "other school", self.resigned(lambda d: d.update(school=d["school"] + 999)), "school"
        yield "old format", self.resigned(lambda d: d.update(format=0)), "older"
        yield "resigned month", self.resigned(lambda d: d.update(month="2025-11")), "2025-11"
        # Files.
        yield "empty", b"", "empty"
        yield "text file", b"RUN;Nombre\n1-9;Ana\n", "not an Excel"
        yield "pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not an Excel"
        yield "xls renamed", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096, ".xls"
        yield "truncated", self.valid[: len(self.valid) // 2], "damaged"
        yield "oversized", b"PK\x03\x04" + b"\0" * (workbook.MAX_BYTES + 1), "too large"

        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
            target.writestr("[Content_Types].xml", "<Types/>")
            target.writestr("xl/workbook.xml", b"\0" * (45 * 1024 * 1024))
        yield "zip bomb", bomb.getvalue(), "bomb"
        plain = io.BytesIO()
        with zipfile.ZipFile(plain, "w") as target:
            target.writestr("hola.txt", "hola")
        yield "other zip", plain.getvalue(), "not an Excel"
        yield "macro", self.with_part("xl/vbaProject.bin", b"\0" * 64), "macros"
        yield "external link", self.with_part("xl/externalLinks/externalLink1.xml"), "links"
        yield "chart", self.with_part("xl/charts/chart1.xml"), "charts"
        yield "pivot", self.with_part("xl/pivotTables/pivotTable1.xml"), "pivot"


@tagged("post_install", "-at_install")
class TestWellbeingWorkbookSpanish(WellbeingCase):
    """The workbook and its problems in Spanish (i18n/es.po), as a Chilean
    profesor jefe gets them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_CL")
        cls.env["ir.module.module"]._load_module_terms(["school_wellbeing_survey"], ["es_CL"])
        cls.head = cls.users["t_head"]
        cls.head.lang = "es_CL"

    def test_spanish_workbook_and_problems(self):
        sheet = self.sheet.with_user(self.head).with_context(lang="es_CL")
        content = sheet._workbook_bytes()
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames[:2], ["Encuesta", "Listas"])
        survey = book.worksheets[0]
        self.assertEqual(survey["C1"].value, "Estudiante")
        self.assertEqual(survey["D1"].value, "Participación en actividades escolares este mes")
        bad = self.fill(content, {2: {4: "Siempre"}, 3: {4: "Participó en algunas actividades"}})
        problems = sheet._import_workbook(bad)
        self.assertEqual(
            problems,
            [
                "Celda D2: «Siempre» no está en la lista de respuestas de "
                "«Participación en actividades escolares este mes»."
            ],
        )
        self.assertFalse(self.sheet.answer_ids)
        good = self.fill(
            content,
            {
                2: {4: "Participó en todas o casi todas las actividades"},
                3: {4: "Sin contacto con el estudiante ni su familia"},
            },
        )
        self.assertEqual(sheet._import_workbook(good), [])
        self.assertEqual(len(self.sheet.answer_ids), 2)
