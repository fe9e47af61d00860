# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark (not part of the standard run): score and allocate 500
applications of 4 household members each, assessed by 3 commission members.
Goal: under 1 s for scoring and allocation together.

    ./school odoo -d DB -u school_scholarships --test-enable \
        --test-tags /school_scholarships:TestBenchAllocation --stop-after-init
"""

import logging
import time

from odoo import Command
from odoo.tests import tagged

from ..common import ScholarshipCase

_logger = logging.getLogger(__name__)

APPLICATIONS = 500


@tagged("post_install", "-at_install", "-standard", "school_bench")
class TestBenchAllocation(ScholarshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.process.sudo().write({"fund_becas": 120, "share_measure": "money"})
        students = (
            env["op.student"]
            .with_company(cls.school)
            .create(
                [
                    {
                        "first_name": "Bench%s" % index,
                        "last_name": "Test",
                        "name": "Bench%s Test" % index,
                        "gender": "f",
                    }
                    for index in range(APPLICATIONS)
                ]
            )
        )
        partner = cls.guardian_user.partner_id
        cls.apps = (
            env["school.scholarship.application"]
            .sudo()
            .create(
                [
                    {
                        "process_id": cls.process.id,
                        "student_id": student.id,
                        "applicant_partner_id": partner.id,
                        "state": "review",
                        "expense_utilities": 1000 * (index % 90),
                        "member_ids": [
                            Command.create(
                                {
                                    "name": "M%s" % member,
                                    "relationship": "other",
                                    "age": 20 + member,
                                    "occupation": "employee",
                                    "income_salary": 50000 * ((index + member) % 13),
                                }
                            )
                            for member in range(4)
                        ],
                    }
                    for index, student in enumerate(students)
                ]
            )
        )
        manual = env["school.scholarship.criterion"].search([("basis", "=", "manual")])
        env["school.scholarship.assessment"].sudo().create(
            [
                {
                    "application_id": app.id,
                    "user_id": user.id,
                    "line_ids": [
                        Command.create(
                            {"criterion_id": crit.id, "points": (app.id + crit.id + k) % 11}
                        )
                        for crit in manual
                    ],
                }
                for app in cls.apps
                for k, user in enumerate(cls.members)
            ]
        )
        env.flush_all()
        env.invalidate_all()

    def test_bench(self):
        process = self.process.sudo()
        queries = self.env.cr.sql_log_count
        start = time.perf_counter()
        process._compute_scores()
        process._propose_allocation()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        queries = self.env.cr.sql_log_count - queries
        _logger.info(
            "bench: scored and allocated %d applications (4 members, 3 assessors) "
            "in %.3f s, %d queries",
            len(self.apps),
            elapsed,
            queries,
        )
        self.assertTrue(process.award_ids)
        self.assertAlmostEqual(process._allocation_totals()["used"], 120, places=2)
        self.assertLess(elapsed, 5.0)
