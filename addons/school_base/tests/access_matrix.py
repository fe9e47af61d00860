# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's access matrix: role x model x operation, with each user's own
rights (what /web/dataset/call_kw lets a logged-in user do).

Each addon's matrix test lists its rows as ``Cell``s and calls
``check_cells``: every cell is attempted as that user inside a savepoint that
is rolled back, so one cell never changes another, and the test reports every
cell that differs from the expected allow/deny at once.
"""

import contextlib
import datetime
import logging
from dataclasses import dataclass
from typing import Any

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

# Every role the matrix runs as (role_users, from setup_matrix_roles). "teacher" is a
# teacher of the fixture course, "teacher_other" one of another course,
# "head_teacher" the profesor jefe of the fixture course, "guardian" the
# apoderado of the fixture student, "guardian_other" another child's,
# "student" the fixture student's own portal user, "outsider" the Director of
# another school.
ROLES = (
    "secretary",
    "teacher",
    "teacher_other",
    "head_teacher",
    "inspector",
    "convivencia",
    "psychologist",
    "social_worker",
    "director",
    "sostenedor",
    "guardian",
    "guardian_other",
    "student",
    "outsider",
)
SCHOOL_WIDE_ROLES = frozenset(
    {
        "secretary",
        "inspector",
        "convivencia",
        "psychologist",
        "social_worker",
        "director",
        "sostenedor",
    }
)
STAFF_ROLES = SCHOOL_WIDE_ROLES | {"teacher", "teacher_other", "head_teacher"}
ROLL_KEEPERS = frozenset({"secretary", "inspector", "director", "sostenedor"})
NOBODY = frozenset()
# Who cites apoderados (school_base.models.school_roles.CITATION_ROLES): the
# course's teachers and head teacher, Inspectoría, convivencia, psychology,
# the Director (and the sostenedor, who holds the Director's role).
CITATION_STAFF = frozenset(
    {"teacher", "head_teacher", "inspector", "convivencia", "psychologist", "director"}
) | {"sostenedor"}

_logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Cell:
    """One cell: ``op`` (read, create, write, unlink, or a method name) on
    ``model``. ``target`` names the record the test prepared (a key of
    ``self.matrix_records``) or, for create, the values (a callable taking the
    test and returning a dict). ``allowed`` is the set of roles that succeed;
    every other role of ROLES must be refused."""

    model: str
    op: str
    allowed: frozenset
    target: Any = None
    args: tuple = ()


class AccessMatrixMixin:
    """Mixin for a TransactionCase that has ``role_users`` (role -> user)."""

    def _matrix_attempt(self, user, cell):
        """Run one cell as ``user``; True when allowed, False when refused
        (AccessError or UserError); any other exception is a test error."""
        with contextlib.closing(self.env.cr.savepoint()):
            try:
                model = self.env[cell.model].with_user(user)
                if cell.op == "create":
                    values = cell.target(self) if callable(cell.target) else dict(cell.target)
                    model.create(values)
                else:
                    record = self.matrix_records[cell.target].with_env(model.env)
                    if cell.op == "read":
                        # Reading a record the user may not see raises; a
                        # search that does not return it counts as refused.
                        if not model.search([("id", "=", record.id)]):
                            return False
                        record.read(["display_name"])
                    elif cell.op == "write":
                        values = cell.args[0](self) if callable(cell.args[0]) else cell.args[0]
                        record.write(values)
                    elif cell.op == "unlink":
                        record.unlink()
                    else:
                        args = tuple(a(self) if callable(a) else a for a in cell.args)
                        getattr(record, cell.op)(*args)
                self.env.flush_all()
            except (AccessError, UserError):
                return False
            return True

    def check_cells(self, cells, roles=ROLES):
        """Attempt every cell as every role; fail listing all mismatches.
        Returns the number of role x cell checks made."""
        mismatches = []
        count = 0
        for cell in cells:
            for role in roles:
                expected = role in cell.allowed
                got = self._matrix_attempt(self.role_users[role], cell)
                count += 1
                if got != expected:
                    mismatches.append(
                        "%s %s %s as %s: expected %s, got %s"
                        % (
                            cell.model,
                            cell.op,
                            cell.target if not callable(cell.target) else "",
                            role,
                            "allowed" if expected else "refused",
                            "allowed" if got else "refused",
                        )
                    )
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
        _logger.info(
            "access matrix %s: %d role x model x operation cells checked",
            type(self).__name__,
            count,
        )
        return count


def setup_matrix_roles(cls):
    """Complete a SchoolCase fixture with the matrix's roles: the head
    teacher of the fixture course, a student portal user, the outsider."""
    env = cls.env
    head = env["op.faculty"].create(
        {
            "first_name": "Hugo",
            "last_name": "Jefe",
            "name": "Hugo Jefe",
            "gender": "male",
            "birth_date": datetime.date(1979, 2, 2),
            "partner_id": cls.users["t_head"].partner_id.id,
        }
    )
    cls.batch.head_teacher_id = head
    # t_teacher2 teaches the other course only.
    other_teacher = env["op.faculty"].create(
        {
            "first_name": "Olga",
            "last_name": "Otra",
            "name": "Olga Otra",
            "gender": "female",
            "birth_date": datetime.date(1981, 3, 3),
            "partner_id": cls.users["t_teacher2"].partner_id.id,
        }
    )
    cls.other_batch.faculty_ids = [Command.set([other_teacher.id])]
    # Apoderados are people of the school that enrols their child.
    (cls.parent | cls.other_parent).name.company_id = cls.school
    # Teachers belong to the school that employs them.
    (head | other_teacher | cls.teacher).partner_id.company_id = cls.school
    student_user = new_test_user(
        env,
        login="t_student",
        partner_id=cls.student.partner_id.id,
        groups="school_base.school_base_group_student",
        company_id=cls.school.id,
        company_ids=[Command.set([cls.school.id])],
    )
    cls.student.user_id = student_user
    outsider = new_test_user(
        env,
        login="t_outsider_dir",
        groups="school_base.school_base_group_director",
        company_id=cls.other_school.id,
        company_ids=[Command.set([cls.other_school.id])],
    )
    env.flush_all()
    cls.role_users = {
        "secretary": cls.users["t_secretary"],
        "teacher": cls.users["t_teacher"],
        "teacher_other": cls.users["t_teacher2"],
        "head_teacher": cls.users["t_head"],
        "inspector": cls.users["t_inspector"],
        "convivencia": cls.users["t_convivencia"],
        "psychologist": cls.users["t_psychologist"],
        "social_worker": cls.users["t_social"],
        "director": cls.users["t_director"],
        "sostenedor": cls.users["t_sostenedor"],
        "guardian": cls.guardian_user,
        "guardian_other": cls.other_guardian_user,
        "student": student_user,
        "outsider": outsider,
    }
