# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import io

import openpyxl

from odoo import Command

from odoo.addons.school_base.tests.access_matrix import setup_matrix_roles
from odoo.addons.school_base.tests.common import SchoolCase


class WellbeingCase(SchoolCase):
    """The SchoolCase school with the matrix roles (t_head is the profesor
    jefe of the fixture course) and an open November campaign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.third = cls._add_student("Carla", "Tercera", "9.999.999-3", cls.batch, roll=2)
        cls.campaign = cls._make_campaign(datetime.date(2026, 11, 1))
        cls.sheet = cls.campaign.sheet_ids.filtered(lambda s: s.batch_id == cls.batch)
        cls.questions = cls.env["school.wellbeing.question"].search([])
        cls.q = {q.code: q for q in cls.questions}

    @classmethod
    def _add_student(cls, first, last, run, batch, roll):
        return (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                {
                    "first_name": first,
                    "last_name": last,
                    "name": "%s %s" % (first, last),
                    "school_id_number": run,
                    "gender": "f",
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": batch.course_id.id,
                                "batch_id": batch.id,
                                "roll_number": str(roll),
                            }
                        )
                    ],
                }
            )
        )

    @classmethod
    def _make_campaign(cls, month, open_=True):
        psy = cls.users["t_psychologist"]
        campaign = (
            cls.env["school.wellbeing.campaign"]
            .with_user(psy)
            .create(
                {
                    "name": "Noviembre 2026",
                    "date_start": month,
                    "date_open": month.replace(day=20),
                    "date_close": month.replace(day=28),
                    "company_id": cls.school.id,
                    "batch_ids": [(6, 0, (cls.batch | cls.other_batch).ids)],
                }
            )
        )
        if open_:
            campaign.action_open()
        return campaign.with_user(cls.env.user)

    def option(self, question_code, option_code):
        return self.q[question_code].option_ids.filtered(lambda o: o.code == option_code)

    def workbook_of(self, sheet, user=None):
        sheet = sheet.with_user(user or self.users["t_head"])
        return sheet._workbook_bytes()

    @staticmethod
    def fill(content, values_by_row):
        """The workbook ``content`` filled with openpyxl: {row: {col: value}}."""
        book = openpyxl.load_workbook(io.BytesIO(content))
        survey = book.worksheets[0]
        for row, values in values_by_row.items():
            for col, value in values.items():
                survey.cell(row=row, column=col).value = value
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
