# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The trend (issue 12): a student's answers month by month and the school's
month over month, in the campaign report and the graph of answers by month."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WellbeingCase


@tagged("post_install", "-at_install")
class TestWellbeingTrend(WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.october = cls._make_campaign(datetime.date(2026, 10, 1))
        participation = cls.q["participation"]
        cls.all = participation.option_ids.filtered(lambda o: o.code == "all")
        cls.no_contact = participation.option_ids.filtered(lambda o: o.code == "no_contact")
        # October: Ana not reached, Carla took part in everything.
        # November: both took part in everything.
        for campaign, ana_option in ((cls.october, cls.no_contact), (cls.campaign, cls.all)):
            sheet = campaign.sheet_ids.filtered(lambda s: s.batch_id == cls.batch)
            for answer in sheet._ensure_answers():
                option = ana_option if answer.student_id == cls.student else cls.all
                answer._set_answers({participation: (option, "")})

    def test_report_trend_compares_the_campaigns(self):
        trend = self.campaign._report_trend()
        self.assertEqual(trend["campaigns"], self.october | self.campaign)
        self.assertEqual(trend["answered"], [2, 2])
        series = dict(trend["series"])
        self.assertEqual(series[self.no_contact.name], [50.0, 0.0])
        self.assertEqual(series[self.all.name], [50.0, 100.0])
        self.assertTrue(trend["chart"].startswith("iVBOR"), "a base64 PNG")
        # From October, November is not there yet.
        self.assertEqual(self.october._report_trend()["answered"], [2])
        report = self.env.ref("school_wellbeing_survey.action_report_wellbeing_campaign")
        html = report._render_qweb_html(report.report_name, self.campaign.ids)[0].decode()
        # The month-over-month section: the chart and the table of shares.
        self.assertIn(trend["chart"], html)
        self.assertIn(">%s</th>" % trend["months"][0], html)
        self.assertIn('<td class="text-end">50 %</td><td class="text-end">100 %</td>', html)

    def test_student_answers_month_by_month(self):
        risk = self.env["school.wellbeing.risk"]._compute_for(
            self.student, datetime.date(2026, 11, 25)
        )
        action = risk.with_user(self.users["t_head"]).action_open_trend()
        self.assertEqual(action["res_model"], "school.wellbeing.trend")
        trend = self.env["school.wellbeing.trend"].with_user(self.users["t_head"])
        rows = trend.search(action["domain"] + [("question_id.code", "=", "participation")])
        self.assertEqual(
            [(row.date_start, row.option_id) for row in rows.sorted("date_start")],
            [
                (datetime.date(2026, 10, 1), self.no_contact),
                (datetime.date(2026, 11, 1), self.all),
            ],
        )
        # The school's graph: participation answers grouped by month.
        groups = trend._read_group(
            [("question_id.code", "=", "participation")],
            ["date_start:month", "option_id"],
            ["__count"],
        )
        self.assertIn((datetime.date(2026, 10, 1), self.no_contact, 1), groups)
        self.assertIn((datetime.date(2026, 11, 1), self.all, 2), groups)
        # As the answers: never another teacher.
        with self.assertRaises(AccessError):
            self.env["school.wellbeing.trend"].with_user(self.users["t_teacher"]).search([])
        with self.assertRaises(AccessError):
            risk.with_user(self.users["t_teacher"]).action_open_trend()
