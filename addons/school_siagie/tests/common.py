# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import io

import openpyxl

from odoo import Command

from odoo.addons.school_attendance_cl.tests.common import AttendanceCase

D = datetime.date


def read_sheet(content, title=None):
    """The cells of a sheet of an XLSX as rows of strings ("" for empty)."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook[title] if title else workbook.worksheets[0]
    return [
        ["" if value is None else str(value) for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


class SiagieCase(AttendanceCase):
    """A Peruvian school (holidays of Peru, DNI) on the suite's fixture."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school.write(
            {"country_id": cls.env.ref("base.pe").id, "school_holiday_subdivision": False}
        )
        cls.school.partner_id.tz = "America/Lima"
        cls.absent = cls.env.ref("school_attendance_cl.school_attendance_code_absent")
        cls.pe_course = cls.env["op.course"].create(
            {"name": "1.er grado", "code": "PE-P1", "company_id": cls.school.id}
        )

    @classmethod
    def _pe_section(cls, code, name, students, teacher=None):
        """A section and its students: ``(last, first, middle, dni)``."""
        batch = cls.env["op.batch"].create(
            {
                "name": name,
                "code": code,
                "course_id": cls.pe_course.id,
                "start_date": D(2026, 3, 2),
                "end_date": D(2026, 12, 18),
                "company_id": cls.school.id,
                "faculty_ids": [Command.set(teacher.ids if teacher else [])],
            }
        )
        records = (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                [
                    {
                        "first_name": first,
                        "middle_name": middle,
                        "last_name": last,
                        "name": " ".join(p for p in (first, middle, last) if p),
                        "gender": "f",
                        "school_id_type": "pe_dni",
                        "school_id_number": dni,
                        "course_detail_ids": [
                            Command.create(
                                {
                                    "course_id": cls.pe_course.id,
                                    "batch_id": batch.id,
                                    "roll_number": str(index),
                                }
                            )
                        ],
                    }
                    for index, (last, first, middle, dni) in enumerate(students, start=1)
                ]
            )
        )
        return batch, records

    @classmethod
    def _mark_month(cls, batch, month, marks=None, skip=(), env=None):
        """Save the daily block of every school day of the month (up to
        today): everyone present but ``marks`` ({day: [(student, code)]});
        the days in ``skip`` are left without attendance."""
        env = env or cls.env
        marks = marks or {}
        block = cls.school.school_attendance_daily_block
        today = env["school.calendar"].school_today(cls.school)
        for day in env["school.calendar"]._school_month_days(cls.school, month):
            if day in skip or day > today:
                continue
            env["school.attendance.session"].save_block(
                batch.id,
                day,
                block,
                [{"student_id": student.id, "code": code} for student, code in marks.get(day, [])],
            )
