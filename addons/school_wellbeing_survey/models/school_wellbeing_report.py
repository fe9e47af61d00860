# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import textwrap
from collections import Counter

from odoo import models
from odoo.tools.misc import format_date

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


def _month_chart_png(figure, axis, title, months):
    """The common frame of the month-by-month charts (months on the x axis,
    percents, the legend on the right), saved as a base64 PNG."""
    axis.set_xticks(range(len(months)), months, fontsize=8)
    axis.set_ylabel("%", fontsize=8)
    axis.set_title(title, fontsize=10, loc="left")
    axis.spines[["top", "right"]].set_visible(False)
    axis.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    figure.tight_layout()
    stream = io.BytesIO()
    figure.savefig(stream, format="png")
    return base64.b64encode(stream.getvalue()).decode()


def trend_png(title, months, series, colors=None):
    """A stacked bar chart (percent of the answered students per month),
    one bar per campaign, one colour per answer, as a base64 PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    palette = colors or ["#2E75B6", "#70AD47", "#FFC000", "#ED7D31", "#C00000", "#7F7F7F"]
    figure, axis = pyplot.subplots(figsize=(7.2, 3.4), dpi=110)
    try:
        bottoms = [0.0] * len(months)
        for index, (label, values) in enumerate(series):
            axis.bar(
                range(len(months)),
                values,
                bottom=bottoms,
                color=palette[index % len(palette)],
                label="\n".join(textwrap.wrap(label, 30)),
                width=0.6,
            )
            for position, (bottom, value) in enumerate(zip(bottoms, values, strict=True)):
                if value >= 6:
                    axis.text(
                        position,
                        bottom + value / 2,
                        "%.0f %%" % value,
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white",
                    )
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        axis.set_ylim(0, 100)
        return _month_chart_png(figure, axis, title, months)
    finally:
        pyplot.close(figure)


def grouped_bars_png(title, months, series, colors=None):
    """A grouped bar chart (percent of the answered students per month),
    one group per campaign, one bar per series (an alert signal), as a
    base64 PNG. The scale follows the highest share (alert signals are
    usually a small share), with a label on every bar that is not zero."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    palette = colors or ["#C00000", "#ED7D31", "#7030A0", "#2E75B6", "#7F7F7F", "#70AD47"]
    figure, axis = pyplot.subplots(figsize=(7.2, 3.4), dpi=110)
    try:
        width = 0.8 / max(len(series), 1)
        for index, (label, values) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            positions = [month + offset for month in range(len(months))]
            bars = axis.bar(
                positions,
                values,
                width=width * 0.95,
                color=palette[index % len(palette)],
                label="\n".join(textwrap.wrap(label, 30)),
            )
            for bar, value in zip(bars, values, strict=True):
                if value:
                    axis.text(
                        bar.get_x() + bar.get_width() / 2,
                        bar.get_height(),
                        "%.0f" % value,
                        ha="center",
                        va="bottom",
                        fontsize=6,
                    )
        top = max((value for _label, values in series for value in values), default=0)
        axis.set_ylim(0, min(100, max(10, top * 1.2)))
        return _month_chart_png(figure, axis, title, months)
    finally:
        pyplot.close(figure)


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

    def _report_trend(self, limit=6):
        """The school's month over month (issue 12 "Trend"): this campaign
        and the previous ones of the same school (at most ``limit``
        months), the share of the answered students at each participation
        level, and a stacked bar chart of it. Read with the caller's rights
        (school.wellbeing.trend, the answers' record rules)."""
        self.ensure_one()
        campaigns = self._report_trend_campaigns(limit)
        # Codes are unique per school: the school's own question first,
        # else the shared one.
        question = self.env["school.wellbeing.question"].search(
            [("code", "=", "participation"), ("company_id", "in", [False, self.company_id.id])],
            order="company_id",
            limit=1,
        )
        options = question.option_ids.sorted("sequence")
        counts = {
            (campaign.id, option.id): count
            for campaign, option, count in self.env["school.wellbeing.trend"]._read_group(
                [("campaign_id", "in", campaigns.ids), ("question_id", "=", question.id)],
                ["campaign_id", "option_id"],
                ["__count"],
            )
        }
        answered = [sum(counts.get((c.id, o.id), 0) for o in options) for c in campaigns]
        months = [format_date(self.env, c.date_start, date_format="MMM yyyy") for c in campaigns]
        series = [
            (
                option.name,
                [
                    round(100.0 * counts.get((campaign.id, option.id), 0) / total, 1)
                    if total
                    else 0.0
                    for campaign, total in zip(campaigns, answered, strict=True)
                ],
            )
            for option in options
        ]
        chart = False
        if any(answered):
            chart = trend_png(
                self.env._("%(question)s, month by month", question=question.name),
                months,
                series,
            )
        return {
            "campaigns": campaigns,
            "months": months,
            "answered": answered,
            "series": series,
            "chart": chart,
        }

    def _report_trend_campaigns(self, limit=6):
        """This campaign and the previous ones of the same school (at most
        ``limit`` months), oldest first."""
        self.ensure_one()
        return self.search(
            [("company_id", "=", self.company_id.id), ("date_start", "<=", self.date_start)],
            order="date_start desc, id desc",
            limit=limit,
        ).sorted(lambda c: (c.date_start, c.id))

    def _report_flag_trend(self, limit=6):
        """The alert signals month over month: for the campaigns of
        _report_trend, the share of the answered students (who chose at
        least one answer that month) with each alert signal of the early
        warning (an answer whose option carries a ``risk_flag``: no
        contact, no participation, critical emotion, no connectivity,
        working), a grouped bar chart of it and its table. A student counts
        once per signal however many of its answers raise it. Read with the
        caller's rights (school.wellbeing.trend, the answers' record
        rules)."""
        self.ensure_one()
        campaigns = self._report_trend_campaigns(limit)
        trend = self.env["school.wellbeing.trend"]
        domain = [("campaign_id", "in", campaigns.ids)]
        students = dict(trend._read_group(domain, ["campaign_id"], ["student_id:count_distinct"]))
        flagged = {
            (campaign.id, flag): count
            for campaign, flag, count in trend._read_group(
                domain + [("risk_flag", "!=", False)],
                ["campaign_id", "risk_flag"],
                ["student_id:count_distinct"],
            )
        }
        answered = [students.get(campaign, 0) for campaign in campaigns]
        months = [format_date(self.env, c.date_start, date_format="MMM yyyy") for c in campaigns]
        series = [
            (
                label,
                [
                    round(100.0 * flagged.get((campaign.id, flag), 0) / total, 1) if total else 0.0
                    for campaign, total in zip(campaigns, answered, strict=True)
                ],
            )
            for flag, label in trend._fields["risk_flag"]._description_selection(self.env)
        ]
        chart = False
        if any(answered):
            chart = grouped_bars_png(self.env._("Alert signals, month by month"), months, series)
        return {
            "campaigns": campaigns,
            "months": months,
            "answered": answered,
            "series": series,
            "chart": chart,
        }

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
