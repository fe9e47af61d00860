# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.school_base.tests.common import SchoolCase


class AttendanceCase(SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session_model = cls.env["school.attendance.session"]
        cls.approver = new_test_user(
            cls.env,
            login="t_approver",
            groups="school_attendance_cl.group_attendance_approver",
            company_id=cls.school.id,
            company_ids=[Command.set([cls.school.id])],
        )
        cls.monday = datetime.date(2026, 3, 2)

    @classmethod
    def _make_batch(cls, code, size, teacher=None):
        batch = cls.env["op.batch"].create(
            {
                "name": "Curso %s" % code,
                "code": code,
                "course_id": cls.course.id,
                "start_date": datetime.date(2026, 3, 2),
                "end_date": datetime.date(2026, 12, 18),
                "company_id": cls.school.id,
                "faculty_ids": [Command.set(teacher.ids if teacher else [])],
            }
        )
        cls.env["op.student"].with_company(cls.school).create(
            [
                {
                    "first_name": "E%s" % i,
                    "last_name": code,
                    "name": "E%s %s" % (i, code),
                    "gender": "m",
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": cls.course.id,
                                "batch_id": batch.id,
                                "roll_number": str(i),
                            }
                        )
                    ],
                }
                for i in range(size)
            ]
        )
        return batch

    def _register_rows(self):
        """The school's register rows as (course, student, month, marked,
        others, codes, SIGE masks), sorted."""
        rows = self.env["school.attendance.register.line"].search(
            [("company_id", "=", self.school.id)]
        )
        return sorted(
            (
                r.batch_id.id,
                r.student_id.id,
                r.month,
                r.marked,
                r.others,
                r.codes,
                r.sige_present,
                r.sige_absent,
            )
            for r in rows
        )

    def _assert_rows_as_rebuilt(self):
        """The rows kept as the marks were written are those a rebuild from
        the marks gives."""
        kept = self._register_rows()
        self.env["school.attendance.register.line"]._school_rebuild(self.school)
        self.assertEqual(kept, self._register_rows())
