# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import textwrap
from collections import Counter

from odoo import models

from .roles import grade_rank

CHARTED = ("participation", "tech", "emotions", "work")


def chart_png(title, labels, values, color="#2E75B6"):
    """A horizontal bar chart (percent of the answered students) as a
    base64 PNG, drawn on the server (matplotlib, Agg backend) so that
    wkhtmltopdf prints it as an image."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    total = sum(values) or 1
    percents = [100.0 * value / total for value in values]
    height = 0.45 * max(len(labels), 2) + 0.9
    figure, axis = pyplot.subplots(figsize=(7.2, height), dpi=110)
    try:
        wrapped = ["\n".join(textwrap.wrap(label, 38)) for label in labels]
        bars = axis.barh(range(len(labels)), percents, color=color)
        axis.set_yticks(range(len(labels)), wrapped, fontsize=8)
        axis.invert_yaxis()
        axis.set_xlim(0, 100)
        axis.set_xlabel("%", fontsize=8)
        axis.set_title(title, fontsize=10, loc="left")
        axis.spines[["top", "right"]].set_visible(False)
        for bar, value, percent in zip(bars, values, percents, strict=True):
            axis.text(
                min(percent + 1, 88),
                bar.get_y() + bar.get_height() / 2,
                "%d (%.0f %%)" % (value, percent),
                va="center",
                fontsize=7,
            )
        figure.tight_layout()
        stream = io.BytesIO()
        figure.savefig(stream, format="png")
    finally:
        pyplot.close(figure)
    return base64.b64encode(stream.getvalue()).decode()


class SchoolWellbeingCampaign(models.Model):
    _inherit = "school.wellbeing.campaign"

    def _report_sections(self):
        """The report's sections (seed 000 "Contenido de los Reportes"):
        the whole school, then each level and each grade; each with its
        student count and one chart per charted question. Read with the
        caller's rights (a profesor jefe gets their own course only)."""
        self.ensure_one()
        answers = self.env["school.wellbeing.answer"].search([("campaign_id", "=", self.id)])
        questions = self.env["school.wellbeing.question"].search([("code", "in", CHARTED)])
        levels = dict(
            self.env["op.course"]._fields["school_level"]._description_selection(self.env)
        )
        groups = [(self.env._("Whole school"), answers)]
        by_level, by_course = {}, {}
        for answer in answers:
            course = answer.batch_id.course_id
            by_level.setdefault(course.school_level or "", self.env["school.wellbeing.answer"])
            by_level[course.school_level or ""] |= answer
            by_course.setdefault(course, self.env["school.wellbeing.answer"])
            by_course[course] |= answer
        for level, group in sorted(by_level.items()):
            groups.append((levels.get(level, self.env._("Other")), group))
        for course, group in sorted(by_course.items(), key=lambda item: grade_rank(item[0])):
            groups.append((course.name, group))
        sections = []
        for title, group in groups:
            charts = []
            for question in questions:
                counts = Counter(
                    option
                    for answer in group
                    for option in answer.option_ids
                    if option.question_id == question
                )
                if not counts:
                    continue
                options = question.option_ids.sorted("sequence")
                charts.append(
                    chart_png(
                        question.name,
                        options.mapped("name"),
                        [counts.get(option, 0) for option in options],
                    )
                )
            sections.append({"title": title, "students": len(group), "charts": charts})
        return sections

    def _report_critical(self):
        """The students in a critical situation (or with a red factor) of
        the campaign's courses, with the reasons."""
        self.ensure_one()
        return self.env["school.wellbeing.risk"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("batch_id", "in", self.sheet_ids.batch_id.ids),
                ("red_count", ">", 0),
            ],
            order="level_rank desc, batch_id, student_id",
        )

    def _report_guidelines(self):
        return self.env["school.wellbeing.guideline"].search(
            ["|", ("company_id", "=", False), ("company_id", "=", self.company_id.id)]
        )

    def action_print_report(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "school_wellbeing_survey.action_report_wellbeing_campaign"
        ).report_action(self)
