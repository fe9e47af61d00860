# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of the roll (nómina de matrícula) from CSV and XLSX files."""

import base64
import datetime
import io
import json

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from ..models.school_demo_builder import make_run
from ..models.school_roll_import import COLUMNS
from .common import SchoolCase

HEADER = [
    "RUN",
    "Nombres",
    "Apellido paterno",
    "Apellido materno",
    "Fecha de nacimiento",
    "Género",
    "Curso",
    "RUN apoderado",
    "Nombre apoderado",
    "Email apoderado",
    "Teléfono apoderado",
    "Fecha de matrícula",
]


def roll_csv(rows, sep=";", encoding="utf-8", header=None):
    header = header or HEADER
    return "\r\n".join(sep.join(row) for row in [header, *rows]).encode(encoding)


@tagged("post_install", "-at_install")
class TestRollImport(SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary = cls.users["t_secretary"]
        cls.run_a, cls.run_b, cls.run_c = (make_run(24_000_000 + i * 7) for i in range(3))
        cls.run_guardian = make_run(13_000_000)
        # Two siblings with one apoderado, a third student on their own, and
        # Ana (already on the roll, in 3° básico A) as she is.
        cls.rows = [
            [
                cls.run_a,
                "Sofía Ignacia",
                "González",
                "Muñoz",
                "15-03-2017",
                "F",
                "Tour 3° básico A",
                cls.run_guardian,
                "María Muñoz Rojas",
                "maria.munoz@example.com",
                "+56 9 1234 5678",
                "01-03-2026",
            ],
            [
                cls.run_b,
                "Tomás",
                "González",
                "Muñoz",
                "02/08/2018",
                "M",
                "110-3-B",
                cls.run_guardian,
                "María Muñoz Rojas",
                "",
                "",
                "",
            ],
            [cls.run_c, "Gaspar", "Soto", "", "2017-01-20", "m", "T-B3A", "", "", "", "", ""],
            ["22.222.222-2", "Ana", "Tour", "", "", "", "tour 3 BASICO a", "", "", "", "", ""],
        ]

    def _import_record(self, content, user=None, file_name="nomina.csv"):
        with Form(self.env["school.roll.import"].with_user(user or self.secretary)) as form:
            form.file = base64.b64encode(content).decode()
            form.school_year = 2026
        # (the upload widget sets the file name)
        form.record.file_name = file_name
        return form.record

    def _roll_state(self):
        """What the import may change, to compare before and after."""
        students = self.env["op.student"].search([("company_id", "=", self.school.id)])
        return (
            sorted(students.mapped("school_id_number")),
            sorted(students.course_detail_ids.mapped(lambda e: (e.student_id.id, e.batch_id.id))),
            sorted(self.env["op.parent"].search([]).mapped(lambda p: (p.id, p.student_ids.ids))),
            self.env["res.partner"].search_count([]),
        )

    def _student(self, run):
        return self.env["op.student"].search([("school_id_number", "=", run)])

    # ------------------------------------------------------------- happy path
    def test_import_creates_students_apoderados_and_enrolments(self):
        record = self._import_record(roll_csv(self.rows))
        self.assertEqual(record.state, "draft")
        record.action_validate()
        self.assertEqual(record.state, "validated", record.error_ids.mapped("message"))
        self.assertFalse(self._student(self.run_a), "validating writes nothing")
        self.assertEqual(
            (record.student_created, record.student_updated, record.student_unchanged),
            (3, 0, 1),
        )
        record.action_import()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.user_id, self.secretary)
        self.assertEqual((record.guardian_created, record.enrolment_created), (1, 3))

        sofia = self._student(self.run_a)
        self.assertEqual(sofia.name, "Sofía Ignacia González Muñoz")
        self.assertEqual((sofia.first_name, sofia.last_name), ("Sofía Ignacia", "González Muñoz"))
        self.assertEqual(sofia.birth_date, datetime.date(2017, 3, 15))
        self.assertEqual(sofia.gender, "f")
        self.assertEqual(sofia.company_id, self.school)
        self.assertEqual(sofia.course_detail_ids.batch_id, self.batch)
        self.assertEqual(sofia.course_detail_ids.course_id, self.course)
        self.assertEqual(sofia.course_detail_ids.state, "running")
        tomas = self._student(self.run_b)
        self.assertEqual(tomas.course_detail_ids.batch_id, self.other_batch, "SIGE 110-3-B")
        self.assertEqual(tomas.birth_date, datetime.date(2018, 8, 2))
        gaspar = self._student(self.run_c)
        self.assertEqual(gaspar.course_detail_ids.batch_id, self.batch, "by course code")
        self.assertFalse(gaspar.parent_ids)

        parent = sofia.parent_ids
        self.assertEqual(len(parent), 1)
        self.assertEqual(parent, tomas.parent_ids, "siblings share their apoderado")
        self.assertEqual(parent.name.name, "María Muñoz Rojas")
        self.assertEqual(parent.name.school_id_number, self.run_guardian)
        self.assertEqual(parent.name.email, "maria.munoz@example.com")
        self.assertEqual(parent.name.phone, "+56 9 1234 5678")
        self.assertEqual(parent.name.company_id, self.school)
        self.assertEqual(
            parent.relationship_id, self.env.ref("school_base.op_parent_relationship_guardian")
        )
        # Ana was on the roll as the file gives her: untouched.
        self.assertEqual(len(self.student.course_detail_ids), 1)

    def test_second_run_changes_nothing(self):
        content = roll_csv(self.rows)
        self._import_record(content).action_import()
        before = self._roll_state()
        messages = self.env["mail.message"].search_count([])
        second = self._import_record(content)
        second.action_import()
        self.assertEqual(second.state, "done")
        self.assertEqual(
            (
                second.student_created,
                second.student_updated,
                second.student_unchanged,
                second.guardian_created,
                second.enrolment_created,
                second.enrolment_moved,
            ),
            (0, 0, 4, 0, 0, 0),
        )
        self.assertEqual(self._roll_state(), before)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)

    def test_update_and_course_change(self):
        """A student listed in another course of the same year changes
        course: the same enrolment moves, no second one is made."""
        enrolment = self.student.course_detail_ids
        rows = [
            ["22.222.222-2", "Ana María", "Tour", "", "", "F", "3° básico B", "", "", "", "", ""]
        ]
        record = self._import_record(roll_csv(rows))
        record.action_import()
        self.assertEqual(record.state, "done")
        self.assertEqual((record.student_updated, record.enrolment_moved), (1, 1))
        self.assertEqual(self.student.course_detail_ids, enrolment)
        self.assertEqual(enrolment.batch_id, self.other_batch)
        self.assertEqual(self.student.name, "Ana María Tour")
        self.assertEqual(self.student.parent_ids, self.parent, "apoderados are kept")

    # ----------------------------------------------------------------- errors
    def test_error_in_a_row_writes_nothing(self):
        rows = [list(r) for r in self.rows]
        bad_run = self.run_c[:-1] + ("0" if self.run_c[-1] != "0" else "1")
        rows[2][0] = bad_run  # row 4 of the file (the header is row 1)
        before = self._roll_state()
        self.env["res.lang"]._activate_lang("es_CL")
        self.env["ir.module.module"]._load_module_terms(["school_base"], ["es_CL"])
        record = self._import_record(roll_csv(rows))
        record.with_context(lang="es_CL").action_import()
        self.assertEqual(record.state, "error")
        self.assertEqual(self._roll_state(), before)
        self.assertEqual(len(record.error_ids), 1)
        error = record.error_ids
        self.assertEqual((error.row, error.column), (4, "RUN"))
        self.assertIn(bad_run, error.message)
        self.assertIn("dígito verificador", error.message)
        self.assertEqual(error.with_context(lang="es_CL").display_name, "Fila 4, columna RUN")

    def test_file_errors_are_reported_per_row_and_column(self):
        rows = [
            [self.run_a, "Sofía", "González", "", "31-02-2017", "F", "9° básico Z"] + [""] * 5,
            [self.run_a, "Sofía", "González", "", "", "F", "T-B3A"] + [""] * 5,
            [self.run_b, "", "Soto", "", "01-01-2099", "", "T-B3A", "", "Pepa"] + [""] * 3,
            ["11.111.111-1", "Bruno", "Otro", "", "", "", "T-B3A", "22.222.222-2", ""] + [""] * 3,
        ]
        record = self._import_record(roll_csv(rows))
        record.action_validate()
        self.assertEqual(record.state, "error")
        found = {(e.row, e.column) for e in record.error_ids}
        self.assertEqual(
            found,
            {
                (2, "Fecha de nacimiento"),  # 31 February
                (2, "Curso"),  # unknown course
                (3, "RUN"),  # same RUN as row 2
                (4, "Nombres"),  # required
                (4, "Fecha de nacimiento"),  # in the future
                (4, "Género"),  # a new student needs it
                (4, "RUN apoderado"),  # a name without a RUN
                (5, "RUN apoderado"),  # the apoderado is a student
            },
            record.error_ids.mapped(lambda e: (e.row, e.column, e.message)),
        )
        duplicate = record.error_ids.filtered(lambda e: e.row == 3)
        self.assertIn("2", duplicate.message)

    def test_missing_column_and_empty_file(self):
        record = self._import_record(
            roll_csv([["1-9", "A", "x"]], header=["RUN", "Nombres", "Fecha de nacimento"])
        )
        record.action_validate()
        self.assertEqual(set(record.error_ids.mapped("column")), {"Apellido paterno", "Curso"})
        self.assertEqual(record.ignored_columns, "Fecha de nacimento", "a misspelt column")
        record.file = base64.b64encode(b"\n\n")
        self.assertEqual(record.state, "draft", "a new file must be checked again")
        self.assertFalse(record.error_ids)
        record.action_validate()
        self.assertEqual(record.error_ids.row, 1)

    def test_teacher_cannot_match_a_teacher(self):
        """A RUN that belongs to a teacher is not taken over as a student."""
        self.teacher.partner_id.write(
            {"school_id_number": self.run_a, "company_id": self.school.id}
        )
        record = self._import_record(roll_csv(self.rows[:1]))
        record.action_validate()
        self.assertEqual(record.error_ids.mapped("row"), [2])
        self.assertEqual(record.error_ids.column, "RUN")

    def test_plain_contact_becomes_the_student(self):
        """A contact of the school with the RUN (not a teacher, user or
        apoderado) becomes the student: no second person with that RUN."""
        contact = self.env["res.partner"].create(
            {"name": "Gaspar S.", "school_id_number": self.run_c, "company_id": self.school.id}
        )
        record = self._import_record(roll_csv(self.rows[2:3]))
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        student = self._student(self.run_c)
        self.assertEqual(student.partner_id, contact)
        self.assertEqual(contact.name, "Gaspar Soto")

    # ---------------------------------------------------------------- formats
    def test_csv_comma_and_latin1(self):
        record = self._import_record(roll_csv(self.rows, sep=",", encoding="latin-1"))
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        self.assertEqual(self._student(self.run_a).last_name, "González Muñoz")

    def test_csv_semicolon_with_bom(self):
        record = self._import_record(b"\xef\xbb\xbf" + roll_csv(self.rows))
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        self.assertEqual(record.student_created, 3)

    def test_xlsx(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(HEADER)
        for index, row in enumerate(self.rows):
            cells = list(row)
            if index == 0:  # a date cell, as Excel stores a typed date
                cells[4] = datetime.datetime(2017, 3, 15)
            sheet.append(cells)
        sheet.append([None] * len(HEADER))  # a blank row is skipped
        output = io.BytesIO()
        workbook.save(output)
        record = self._import_record(output.getvalue(), file_name="nomina.xlsx")
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        self.assertEqual(self._student(self.run_a).birth_date, datetime.date(2017, 3, 15))
        self.assertEqual(record.row_count, 4)

    def test_template(self):
        record = self._import_record(roll_csv(self.rows))
        action = record.action_download_template()
        self.assertIn("/template_file/", action["url"])
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(record.template_file)))
        header = [c.value for c in next(workbook.worksheets[0].iter_rows())]
        self.assertEqual(header, [c[1] for c in COLUMNS])
        self.assertEqual(len(workbook.worksheets), 2, "a sheet of instructions")

    def test_dni_school(self):
        """Peru: a DNI by default where the school is Peruvian."""
        self.school.write(
            {"country_id": self.env.ref("base.pe").id, "school_holiday_subdivision": False}
        )
        rows = [["45678912", "Rosa", "Quispe", "Mamani", "", "F", "T-B3A"] + [""] * 5]
        record = self._import_record(roll_csv(rows))
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        student = self._student("45678912")
        self.assertEqual(student.school_id_type, "pe_dni")

    # --------------------------------------------------------------- security
    def test_only_roll_keepers_import(self):
        record = self._import_record(roll_csv(self.rows))
        for login in ("t_teacher", "t_head", "t_convivencia"):
            user = self.users[login]
            with self.assertRaises(AccessError, msg=login):
                self.env["school.roll.import"].with_user(user).create(
                    {"file": base64.b64encode(roll_csv(self.rows))}
                )
            with self.assertRaises(AccessError, msg=login):
                record.with_user(user).action_import()
        with self.assertRaises(AccessError):
            record.with_user(self.guardian_user).action_validate()
        self.assertFalse(self._student(self.run_a))
        for login in ("t_director", "t_sostenedor"):
            self.assertTrue(record.with_user(self.users[login]).action_validate())

    def test_state_and_counts_are_not_writable(self):
        record = self._import_record(roll_csv(self.rows))
        for vals in ({"state": "done"}, {"user_id": self.users["t_director"].id}):
            with self.assertRaises(AccessError):
                record.with_user(self.secretary).write(vals)
        with self.assertRaises(AccessError):
            self.env["school.roll.import"].with_user(self.secretary).create(
                {"state": "importing", "user_id": self.secretary.id}
            )

    def test_other_school_cannot_see_the_import(self):
        record = self._import_record(roll_csv(self.rows))
        outsider = self.env["res.users"].create(
            {
                "name": "Directora Otra",
                "login": "t_outsider_roll",
                "company_id": self.other_school.id,
                "company_ids": [Command.set([self.other_school.id])],
                "groups_id": [
                    Command.set([self.env.ref("school_base.school_base_group_director").id])
                ],
            }
        )
        with self.assertRaises(AccessError):
            record.with_user(outsider).action_import()
        self.assertFalse(self._student(self.run_a))


@tagged("post_install", "-at_install")
class TestRollImportJob(SchoolCase):
    """A long file runs as a one-shot cron job that reports its progress."""

    def setUp(self):
        super().setUp()
        # The progress notices go through a cursor of their own; in test mode
        # that cursor shares this test's transaction (as in HttpCase).
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)

    def test_long_file_runs_in_background_with_progress(self):
        secretary = self.users["t_secretary"]
        count = self.env["school.roll.import"]._school_inline_rows + 1
        rows = [
            [make_run(25_000_000 + i * 3), "Niña %d" % i, "Prueba", "", "", "F", "T-B3A"] + [""] * 5
            for i in range(count)
        ]
        record = (
            self.env["school.roll.import"]
            .with_user(secretary)
            .create(
                {
                    "file": base64.b64encode(roll_csv(rows)),
                    "file_name": "larga.csv",
                    "school_year": 2026,
                }
            )
        )
        cron = self.env.ref("school_base.school_roll_import_cron")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        record.action_import()
        self.assertEqual(record.state, "importing")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        self.assertFalse(
            self.env["op.student"].search_count([("last_name", "=", "Prueba")]),
            "nothing is written before the job runs",
        )
        last_bus = self.env["bus.bus"].search([], order="id desc", limit=1).id or 0
        self.env["school.roll.import"]._cron_run_queued()
        self.assertEqual(record.state, "done", record.failure_message)
        self.assertEqual(record.student_created, count)
        # The end notice is sent with the job's own transaction.
        self.env.cr.precommit.run()
        self.assertEqual(self.env["op.student"].search_count([("last_name", "=", "Prueba")]), count)
        buses = (
            self.env["bus.bus"]
            .search([("id", ">", last_bus)], order="id")
            .filtered(lambda b: json.loads(b.message)["type"] == "simple_notification")
        )
        notices = [json.loads(b.message)["payload"] for b in buses]
        messages = [n["message"] for n in notices]
        self.assertEqual(len(messages), 3, messages)
        # In the secretary's language (new users speak es_CL).
        self.assertEqual(messages[0], "larga.csv: 200 de %d filas importadas (66 %%)." % count)
        self.assertEqual(
            messages[1], "larga.csv: %d de %d filas importadas (100 %%)." % (count, count)
        )
        self.assertIn("%d estudiantes nuevos" % count, messages[2])
        self.assertEqual(notices[2]["type"], "success")
        channel = json.dumps([self.env.cr.dbname, "res.partner", secretary.partner_id.id])
        self.assertEqual(set(buses.mapped("channel")), {channel.replace(" ", "")})

    def _queue(self, last_name):
        secretary = self.users["t_secretary"]
        rows = [
            [make_run(26_000_000 + i), "N", last_name, "", "", "F", "T-B3A"] + [""] * 5
            for i in range(self.env["school.roll.import"]._school_inline_rows + 1)
        ]
        record = (
            self.env["school.roll.import"]
            .with_user(secretary)
            .create({"file": base64.b64encode(roll_csv(rows)), "school_year": 2026})
        )
        record.action_import()
        self.assertEqual(record.state, "importing")
        return record

    def test_job_refuses_a_requester_who_lost_the_role(self):
        record = self._queue("Q")
        self.users["t_secretary"].groups_id = [Command.set([self.env.ref("base.group_user").id])]
        self.env["school.roll.import"]._cron_run_queued()
        self.assertEqual(record.state, "failed")
        self.assertFalse(self.env["op.student"].search_count([("last_name", "=", "Q")]))

    def test_job_checks_the_file_again(self):
        """Between the request and the job a RUN of the file became a
        teacher's: the job reports it and writes nothing."""
        record = self._queue("R")
        self.teacher.partner_id.write(
            {"school_id_number": make_run(26_000_005), "company_id": self.school.id}
        )
        self.env["school.roll.import"]._cron_run_queued()
        self.assertEqual(record.state, "error")
        self.assertEqual(record.error_ids.mapped("row"), [7])
        self.assertFalse(self.env["op.student"].search_count([("last_name", "=", "R")]))
        self.env.cr.precommit.run()
        last = self.env["bus.bus"].search([], order="id desc", limit=1)
        self.assertIn("no se import\\u00f3 nada", last.message)


@tagged("post_install", "-at_install")
class TestRollImportDemo(SchoolCase):
    def test_demo_secretaria(self):
        """The demo school's Secretaría imports a row into its 1° básico A."""
        secretaria = self.env["res.users"].search([("login", "=", "secretaria")])
        if not secretaria:
            self.skipTest("no demo data")
        school = secretaria.company_id
        batch = self.env["op.batch"].search(
            [("company_id", "=", school.id), ("name", "=", "1° básico A")], limit=1
        )
        run = make_run(27_123_456)
        guardian = batch.student_course_ids[:1].student_id.parent_ids[:1].name
        rows = [
            [run, "Clara", "Demo", "Import", "10-10-2019", "F", "1° básico A"]
            + [guardian.school_id_number or "", "", "", "", ""]
        ]
        with Form(self.env["school.roll.import"].with_user(secretaria)) as form:
            form.file = base64.b64encode(roll_csv(rows)).decode()
            form.school_year = batch.start_date.year
        record = form.record
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        student = self.env["op.student"].search([("school_id_number", "=", run)])
        self.assertEqual(student.course_detail_ids.batch_id, batch)
        self.assertEqual(student.company_id, school)
        if guardian:
            self.assertIn(guardian, student.parent_ids.name, "the sibling's apoderado is reused")


@tagged("post_install", "-at_install")
class TestRollImportDownload(HttpCase, SchoolCase):
    def test_template_download(self):
        """The template button's URL serves the XLSX to Secretaría only."""
        secretary = self.users["t_secretary"]
        record = self.env["school.roll.import"].with_user(secretary).create({"school_year": 2026})
        url = record.action_download_template()["url"]
        secretary.password = "t_secretary"
        self.authenticate("t_secretary", "t_secretary")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:4], b"PK\x03\x04")
        self.assertIn("plantilla_nomina.xlsx", response.headers["Content-Disposition"])
        self.users["t_teacher"].password = "t_teacher"
        self.authenticate("t_teacher", "t_teacher")
        self.assertNotEqual(self.url_open(url).status_code, 200)
