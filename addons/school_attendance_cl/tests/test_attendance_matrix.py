# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of school_attendance_cl (issue 9): every model x read,
create, write, unlink as every role, with the user's own rights
(school_base/tests/access_matrix.py). The public action methods are in
test_attendance_access.py."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    CITATION_STAFF,
    NOBODY,
    STAFF_ROLES,
    AccessMatrixMixin,
    Cell,
)

from .test_attendance_access import (
    CLASS_BOOK,
    DIRECTION,
    INSPECTORIA,
    SCHOOL_WIDE,
    AttendanceAccessCase,
)

PORTAL = frozenset({"guardian", "guardian_other", "student"})
GUARDIAN = frozenset({"guardian"})

# The class book: the course's teachers and the school-wide keepers read a
# block and its marks, the apoderado reads their child's marks; a signed
# block and its marks never change (a correction visada by the Director
# does, through its action); marks never move to another block; nobody
# writes the audit log or the register rows; codes are the Director's.
# The code table is one for every school (SIGE's and SIAGIE's codes are
# national, seed 001 / 004): shared records, so the Director of any school of
# the database (the outsider too) reads it and may rename a code.
SHARED_CODE_EDITORS = DIRECTION | {"outsider"}
ATTENDANCE_CELLS = [
    Cell("school.attendance.code", "read", STAFF_ROLES | PORTAL | {"outsider"}, "code"),
    Cell(
        "school.attendance.code", "write", SHARED_CODE_EDITORS, "code", ({"name": "Ausente (día)"},)
    ),
    Cell("school.attendance.code", "write", NOBODY, "code", ({"code": "absent_x"},)),
    Cell("school.attendance.code", "unlink", NOBODY, "code"),
    Cell("school.attendance.session", "read", CLASS_BOOK, "signed"),
    Cell("school.attendance.session", "write", NOBODY, "signed", ({"state": "draft"},)),
    Cell("school.attendance.session", "write", NOBODY, "draft", ({"state": "signed"},)),
    Cell("school.attendance.session", "unlink", NOBODY, "signed"),
    Cell("school.attendance.session", "unlink", INSPECTORIA, "draft"),
    Cell("school.attendance.line", "read", CLASS_BOOK | GUARDIAN, "line"),
    Cell(
        "school.attendance.line",
        "write",
        NOBODY,
        "line",
        (lambda t: {"session_id": t.matrix_records["draft"].id},),
    ),
    Cell("school.attendance.line", "write", NOBODY, "line", (lambda t: {"code_id": t.absent.id},)),
    Cell("school.attendance.line", "unlink", NOBODY, "line"),
    # A mark is of a student of the block's course (found in review: a
    # teacher signed a day for another course's student through their own
    # block, forging that student's attendance).
    Cell(
        "school.attendance.line",
        "create",
        NOBODY,
        lambda t: {
            "session_id": t.matrix_records["draft"].id,
            "student_id": t.other_student.id,
            "code_id": t.env.ref("school_attendance_cl.school_attendance_code_present").id,
        },
    ),
    Cell("school.attendance.log", "read", INSPECTORIA, "log"),
    Cell("school.attendance.log", "write", NOBODY, "log", ({"reason": "x"},)),
    Cell("school.attendance.log", "unlink", NOBODY, "log"),
    Cell("school.attendance.register.line", "read", CLASS_BOOK, "register_line"),
    Cell("school.attendance.register.line", "write", NOBODY, "register_line", ({"marked": 0},)),
    Cell("school.attendance.register.line", "unlink", NOBODY, "register_line"),
    # Attendance by month (the Tablero's trend): a view of the register
    # rows, read as they are; nobody writes it.
    Cell("school.attendance.month.report", "read", CLASS_BOOK, "month_report"),
    Cell("school.attendance.month.report", "write", NOBODY, "month_report", ({"days_present": 0},)),
    Cell("school.attendance.month.report", "unlink", NOBODY, "month_report"),
    Cell("school.attendance.correction", "read", CLASS_BOOK, "correction"),
    Cell(
        "school.attendance.correction",
        "write",
        NOBODY,
        "correction",
        ({"state": "approved"},),
    ),
    Cell(
        "school.attendance.correction",
        "create",
        NOBODY,
        lambda t: {
            "line_id": t.matrix_records["line"].id,
            "new_code_id": t.absent.id,
            "reason": "Aprobada de antemano",
            "state": "approved",
        },
    ),
    Cell("school.attendance.correction", "unlink", NOBODY, "correction"),
    Cell("school.attendance.justification", "read", SCHOOL_WIDE | GUARDIAN, "justification"),
    Cell(
        "school.attendance.justification",
        "create",
        NOBODY,
        lambda t: {
            "student_id": t.student.id,
            "date_from": t.monday,
            "date_to": t.monday,
            "reason": "family",
            "state": "accepted",
        },
    ),
    Cell(
        "school.attendance.justification",
        "write",
        NOBODY,
        "justification",
        ({"state": "accepted"},),
    ),
    Cell("school.attendance.justification", "unlink", NOBODY, "justification"),
    Cell(
        "school.attendance.citation", "read", SCHOOL_WIDE | {"head_teacher"} | GUARDIAN, "citation"
    ),
    Cell("school.attendance.citation", "write", NOBODY, "citation", ({"state": "attended"},)),
    Cell("school.attendance.citation", "unlink", NOBODY, "citation"),
    # The apoderado's citation for in-class lateness is school_base's
    # (school_base's matrix has its rows): here, that Inspectoría's staff
    # and the course's teachers reach the lateness's, and that nobody
    # relinks it to another lateness.
    Cell(
        "school.guardian.citation",
        "read",
        CITATION_STAFF | {"secretary"} | GUARDIAN,
        "lateness_citation",
    ),
    Cell(
        "school.guardian.citation",
        "write",
        NOBODY,
        "lateness_citation",
        (lambda t: {"arrival_id": t.matrix_records["arrival"].id},),
    ),
    Cell(
        "school.guardian.citation",
        "action_notify",
        CITATION_STAFF,
        "lateness_citation",
    ),
    Cell("school.attendance.month", "read", STAFF_ROLES, "month"),
    Cell("school.attendance.month", "write", NOBODY, "month", ({"month": "2026-05-01"},)),
    Cell("school.attendance.month", "unlink", NOBODY, "month"),
    Cell("school.attendance.arrival", "read", SCHOOL_WIDE | {"head_teacher"}, "arrival"),
    # A head teacher reads the lateness of their own course only.
    Cell("school.attendance.arrival", "read", SCHOOL_WIDE, "other_arrival"),
    Cell("school.attendance.citation", "read", SCHOOL_WIDE | {"guardian_other"}, "other_citation"),
    Cell(
        "school.attendance.arrival",
        "write",
        SCHOOL_WIDE,
        "arrival",
        ({"reason": "Control médico"},),
    ),
    Cell(
        "school.attendance.arrival",
        "write",
        INSPECTORIA,
        "arrival",
        ({"inspector_authorized": True},),
    ),
    Cell("school.attendance.arrival", "write", NOBODY, "arrival", ({"sequence_in_year": 9},)),
    # The register's print wizard: Secretaría and the head teachers open it
    # (another school's Director too: a wizard holds nothing); what it prints
    # is register_data's, checked per course there (test_attendance_access).
    Cell(
        "school.attendance.register.print",
        "create",
        SCHOOL_WIDE | {"head_teacher", "outsider"},
        lambda t: {"batch_ids": [(6, 0, t.batch.ids)], "month": "2026-03-01"},
    ),
    # The Close-month wizard: the Directors (another school's too: it
    # holds nothing; closing checks the role and the school).
    Cell(
        "school.attendance.month.close",
        "create",
        DIRECTION | {"outsider"},
        lambda t: {"month": "2026-05-01"},
    ),
]


@tagged("post_install", "-at_install", "school_access")
class TestAttendanceMatrix(AccessMatrixMixin, AttendanceAccessCase):
    def setUp(self):
        super().setUp()
        signed = self._block(sign=True, marks=[{"student_id": self.student.id, "code": "absent"}])
        draft = self._block()
        line = signed.line_ids.filtered(lambda mark: mark.student_id == self.student)
        arrival = self.env["school.attendance.arrival"].create(
            {"student_id": self.student.id, "kind": "start_late", "minutes_late": 5}
        )
        self.matrix_records = {
            "code": self.absent,
            "signed": signed,
            "draft": draft,
            "line": line,
            "log": self.env["school.attendance.log"].search(
                [("session_id", "=", signed.id)], limit=1
            ),
            "register_line": self.env["school.attendance.register.line"].search(
                [("student_id", "=", self.student.id)], limit=1
            ),
            "month_report": self.env["school.attendance.month.report"].search(
                [("student_id", "=", self.student.id)], limit=1
            ),
            "correction": self._correction(),
            "justification": self._justification(),
            "citation": self._citation(),
            "month": self.env["school.attendance.month"].create(
                {"month": "2026-02-01", "company_id": self.school.id}
            ),
            "arrival": arrival,
            "other_arrival": self.env["school.attendance.arrival"].create(
                {"student_id": self.other_student.id, "kind": "start_late", "minutes_late": 5}
            ),
            "other_citation": self.env["school.attendance.citation"].create(
                {
                    "student_id": self.other_student.id,
                    "company_id": self.school.id,
                }
            ),
        }
        class_late = self.env["school.attendance.arrival"].create(
            [
                {
                    "student_id": self.student.id,
                    "kind": "class_late",
                    "datetime": "2026-03-%02d 14:20:00" % day,
                }
                for day in (2, 3, 4)
            ]
        )
        lateness_citation = class_late.guardian_citation_ids
        self.assertEqual(len(lateness_citation), 1)
        lateness_citation.scheduled_at = "2026-03-10 15:00:00"
        self.matrix_records["lateness_citation"] = lateness_citation
        for key, record in self.matrix_records.items():
            self.assertTrue(record, key)

    def test_teacher_cannot_mark_decision_codes(self):
        """Justified marks are Inspectoría's decision and statuses that leave
        the school day are Secretaría's: a teacher's class list cannot set
        them (found in review: a teacher raised a rate with non_academic)."""
        teacher = self.env(user=self.role_users["teacher"])
        for code in ("non_academic", "absent_justified"):
            self.block_number += 1
            with self.assertRaises(AccessError):
                teacher["school.attendance.session"].save_block(
                    self.batch.id,
                    self.monday,
                    self.block_number,
                    [{"student_id": self.student.id, "code": code}],
                )
        secretary = self.env(user=self.role_users["secretary"])
        self.block_number += 1
        session = secretary["school.attendance.session"].save_block(
            self.batch.id,
            self.monday,
            self.block_number,
            [{"student_id": self.student.id, "code": "absent_justified"}],
        )
        self.assertEqual(
            session.line_ids.filtered(lambda m: m.student_id == self.student).code_id,
            self.env.ref("school_attendance_cl.school_attendance_code_absent_justified"),
        )

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(ATTENDANCE_CELLS)
