# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo.addons.school_base.tests.common import SchoolCase

TZ = pytz.timezone("America/Santiago")


def utc(year, month, day, hour=0, minute=0, second=0):
    """A Santiago wall-clock time as the naive UTC datetime Odoo stores."""
    local = TZ.localize(datetime.datetime(year, month, day, hour, minute, second))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def end_of(year, month, day):
    return utc(year, month, day, 23, 59, 59)


class DisciplineCase(SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school.partner_id.tz = "America/Santiago"
        # The fixtures record facts of the 2026 school year in one go: their
        # teachers may date entries that far back (the limit has its own test).
        cls.school.school_entry_backdate_days = 3650
        for user in cls.users.values():
            user.tz = "America/Santiago"
        cls.fault = cls.env["school.discipline.fault"]
        ref = cls.env.ref
        cls.l05 = ref("school_discipline.school_discipline_fault_l05")
        cls.g07 = ref("school_discipline.school_discipline_fault_g07")
        cls.gg01 = ref("school_discipline.school_discipline_fault_gg01")
        cls.gg06 = ref("school_discipline.school_discipline_fault_gg06")
        cls.s6 = ref("school_discipline.school_discipline_sanction_s6")
        cls.s7 = ref("school_discipline.school_discipline_sanction_s7")
        cls.s9 = ref("school_discipline.school_discipline_sanction_s9")
        cls.s10 = ref("school_discipline.school_discipline_sanction_s10")
        cls.s11 = ref("school_discipline.school_discipline_sanction_s11")
        cls.m01 = ref("school_discipline.school_discipline_measure_m01")
        cls.type_a = ref("school_discipline.school_discipline_case_type_dp_a")
        cls.type_b = ref("school_discipline.school_discipline_case_type_dp_b")
        cls.type_xii = ref("school_discipline.school_discipline_case_type_ct_xii")

    def env_as(self, login):
        return self.env(user=self.users[login])

    def new_case(
        self, case_type=None, fault=None, knowledge=None, student=None, login="t_inspector"
    ):
        return self.env_as(login)["school.discipline.case"].create(
            {
                "type_id": (case_type or self.type_a).id,
                "student_id": (student or self.student).id,
                "batch_id": self.batch.id,
                "fault_id": (fault or self.g07).id,
                "knowledge_datetime": knowledge or utc(2026, 5, 20, 10),
            }
        )

    @staticmethod
    def step(case, code):
        return case.step_ids.filtered(lambda s: s.stage_id.code == code).sorted("id")[-1:]
