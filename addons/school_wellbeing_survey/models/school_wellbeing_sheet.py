# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .roles import FILL_ROLES, TEAM_ROLES, check_protected


class SchoolWellbeingSheet(models.Model):
    """One course's month of the survey (the "planilla" of seed 000): its
    students' answers, filled by the profesor jefe in the form, the portal or
    the workbook. A new upload replaces the month's answers and keeps the
    previous version (archived answers and the uploaded file)."""

    _name = "school.wellbeing.sheet"
    _description = "Wellbeing Course Sheet"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "campaign_id desc, batch_id"
    _check_company_auto = True
    _protected_fields = frozenset({"version", "campaign_id", "batch_id", "company_id"})

    campaign_id = fields.Many2one(
        "school.wellbeing.campaign",
        string="Campaign",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    batch_id = fields.Many2one(
        "op.batch", string="Course", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one("res.company", string="School", required=True, index=True)
    date_start = fields.Date(related="campaign_id.date_start", string="Month", store=True)
    state = fields.Selection(related="campaign_id.state", string="Campaign Status")
    head_teacher_user_id = fields.Many2one(
        "res.users",
        string="Head Teacher",
        compute="_compute_head_teacher_user_id",
        help="User of the course's profesor jefe, who is reminded while the campaign is open.",
    )
    version = fields.Integer(
        readonly=True, default=0, help="Number of workbook uploads; earlier ones are archived."
    )
    answer_ids = fields.One2many("school.wellbeing.answer", "sheet_id", string="Answers")
    answer_count = fields.Integer(compute="_compute_counts", string="Answered")
    student_count = fields.Integer(compute="_compute_counts", string="Students")

    _sql_constraints = [
        (
            "campaign_batch_uniq",
            "unique(campaign_id, batch_id)",
            "A course has one sheet per campaign.",
        )
    ]

    @api.depends("batch_id.head_teacher_id")
    def _compute_head_teacher_user_id(self):
        for sheet in self:
            # sudo: teachers' records are not readable by every role; only
            # the user is shown.
            sheet.head_teacher_user_id = sheet.batch_id.sudo().head_teacher_id.user_ids[:1]

    def _compute_counts(self):
        rosters = self._roster_student_ids()
        for sheet in self:
            sheet.answer_count = len(sheet.answer_ids.filtered("complete"))
            sheet.student_count = len(rosters[sheet.id])

    @api.depends("campaign_id.name", "batch_id.name")
    def _compute_display_name(self):
        for sheet in self:
            sheet.display_name = "%s – %s" % (sheet.campaign_id.name, sheet.batch_id.name)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Course sheets are created when the campaign opens."),
        )
        check_protected(self, vals_list, {"version"})
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._protected_fields)
        return super().write(vals)

    # ------------------------------------------------------------ roster --
    def _roster_student_ids(self):
        """{sheet id: ids of its course's students during the surveyed month
        (enrolled by its end, not withdrawn before it began)}, unordered,
        for every sheet of ``self`` in one query. Read in sudo: callers
        check the caller first."""
        # sudo: the roster of a sheet the caller can read (checked by the
        # callers); enrolments of students are not readable by every role.
        enrolment_model = self.env["op.student.course"].sudo()
        dated = "school_enrolment_date" in enrolment_model._fields
        enrolments = enrolment_model.search_fetch(
            [("batch_id", "in", self.batch_id.ids), ("student_id", "!=", False)],
            ["batch_id", "student_id", "school_enrolment_date", "school_withdrawal_date"]
            if dated
            else ["batch_id", "student_id"],
        )
        by_batch = defaultdict(list)
        for enrolment in enrolments:
            by_batch[enrolment.batch_id.id].append(enrolment)
        result = {}
        for sheet in self:
            month = sheet.campaign_id.date_start
            end = fields.Date.end_of(month, "month")
            student_ids = []
            for enrolment in by_batch[sheet.batch_id.id]:
                start = dated and enrolment.school_enrolment_date
                stop = dated and enrolment.school_withdrawal_date
                if (start and start > end) or (stop and stop < month):
                    continue
                student_ids.append(enrolment.student_id.id)
            result[sheet.id] = list(dict.fromkeys(student_ids))
        return result

    def _roster(self):
        """The course's students during the surveyed month, by last name
        then name. Names and RUNs are read in sudo: callers check the
        caller first (_check_fill, the download's role and read checks)."""
        self.ensure_one()
        # sudo: the students of a sheet the caller was checked for (not
        # every filling role reads students). The name and the RUN are
        # inherited from the partner: read on the partners in one query
        # (op.student would compute its related fields record by record in
        # the sort).
        students = self.env["op.student"].sudo().browse(self._roster_student_ids()[self.id])
        students.fetch(["last_name", "partner_id"])
        students.partner_id.fetch(["name", "school_id_number"])
        order = sorted(
            students,
            key=lambda s: ((s.last_name or "").lower(), (s.partner_id.name or "").lower()),
        )
        return self.env["op.student"].browse([student.id for student in order])

    def _questions(self):
        """The questions asked in this course (the work question from 7°
        básico up only, seed 000 "Situación laboral")."""
        self.ensure_one()
        return self.env["school.wellbeing.question"]._for_course(self.batch_id.course_id)

    # ------------------------------------------------------------ checks --
    def _check_fill(self):
        """The caller may fill these sheets now: a filling role, the sheet
        readable by them (own course for a profesor jefe), campaign open."""
        self.env["res.users"]._school_require_role(
            *FILL_ROLES,
            message=self.env._(
                "Only the head teacher, the coexistence team or the Director fill the survey."
            ),
        )
        self.check_access("write")
        for sheet in self:
            if sheet.campaign_id.state != "open":
                raise UserError(
                    self.env._(
                        "The campaign %(name)s is not open: its answers are read-only.",
                        name=sheet.campaign_id.name,
                    )
                )

    # ----------------------------------------------------------- actions --
    def action_download_workbook(self):
        """The course's workbook for the month (download)."""
        self.ensure_one()
        self.env["res.users"]._school_require_role(
            *FILL_ROLES,
            message=self.env._(
                "Only the head teacher, the coexistence team or the Director download the survey."
            ),
        )
        self.check_access("read")
        content = self._workbook_bytes()
        # sudo: the attachment of a sheet the caller can read (checked above).
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._workbook_filename(),
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            "target": "self",
        }

    def action_upload_workbook(self):
        """Open the upload wizard."""
        self.ensure_one()
        self._check_fill()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Upload Workbook"),
            "res_model": "school.wellbeing.upload",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sheet_id": self.id},
        }

    def action_fill_answers(self):
        """Create the missing answer rows so that the form lists every student."""
        self.ensure_one()
        self._check_fill()
        self._ensure_answers()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answers"),
            "res_model": "school.wellbeing.answer",
            "view_mode": "list,form",
            "domain": [("sheet_id", "=", self.id)],
            "context": {"default_sheet_id": self.id},
        }

    def _ensure_answers(self):
        """One answer per student of the roster (empty ones for the missing)."""
        self.ensure_one()
        missing = self._roster() - self.answer_ids.student_id
        if missing:
            self.env["school.wellbeing.answer"].create(
                [{"sheet_id": self.id, "student_id": student.id} for student in missing]
            )
        return self.answer_ids

    def _save_form_answers(self, values):
        """Save the portal form: ``values`` is {student id: {question id:
        (option ids, text)}}. Checks the caller (_check_fill), that every
        student is of the roster and every option of its question; writes
        with the caller's own rights."""
        self.ensure_one()
        self._check_fill()
        roster = self._roster()
        questions = {question.id: question for question in self._questions()}
        option_model = self.env["school.wellbeing.option"]
        all_ids = {i for row in values.values() for ids, _text in row.values() for i in ids}
        options = {option.id: option for option in option_model.browse(all_ids).exists()}
        answers = {answer.student_id.id: answer for answer in self._ensure_answers()}
        for student_id, row in values.items():
            if student_id not in roster.ids:
                raise UserError(self.env._("A student of another course was sent."))
            clean = {}
            for question_id, (ids, text) in row.items():
                question = questions.get(question_id)
                chosen = option_model.browse([i for i in ids if i in options])
                if not question or chosen.question_id - question or len(chosen) != len(ids):
                    raise UserError(self.env._("An answer is not one of its question's options."))
                if question.kind == "single" and len(chosen) > 1:
                    raise UserError(
                        self.env._("%(question)s takes a single answer.", question=question.name)
                    )
                clean[question] = (chosen, (text or "")[:1000])
            answers[student_id]._set_answers(clean)
        # sudo: the caller was checked above; the source is protected.
        self.env["school.wellbeing.answer"].browse(
            [answers[sid].id for sid in values]
        ).sudo().write({"source": "portal"})
        return True

    # ---------------------------------------------------------- workbook --
    def _workbook_filename(self):
        month = self.campaign_id.date_start
        return "encuesta_bienestar_%s_%04d_%02d.xlsx" % (
            (self.batch_id.code or str(self.batch_id.id)).replace(" ", "_"),
            month.year,
            month.month,
        )

    def _workbook_bytes(self):
        from ..tools import workbook

        self.ensure_one()
        return workbook.build(self, self._questions(), self._roster())

    def _import_workbook(self, content, filename=None):
        """Validate ``content`` (bytes of an uploaded workbook) and, when
        everything is valid, replace the month's answers of the course.
        Returns the list of problems (Spanish, per cell); nothing is written
        unless it is empty. Callers check the caller first (_check_fill)."""
        from ..tools import workbook

        self.ensure_one()
        questions = self._questions()
        roster = self._roster()
        rows, problems = workbook.parse(self, questions, roster, content)
        if problems:
            return problems
        # sudo: the caller was checked by _check_fill; the version, the
        # archived answers and the stored file are the sheet's own steps.
        sheet = self.sudo()
        version = sheet.version + 1
        sheet.answer_ids.write({"active": False})
        if not self._insert_answers(rows, questions, version):
            self._create_answers(rows, version)
        sheet.version = version
        self.env["ir.attachment"].sudo().create(
            {
                "name": filename or self._workbook_filename(),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "description": self.env._("Upload version %(version)s", version=version),
            }
        )
        # A log in the chatter (nobody to notify).
        sheet._message_log(
            body=self.env._(
                "Workbook uploaded by %(user)s: %(count)s students (version %(version)s).",
                user=self.env.user.name,
                count=len(rows),
                version=version,
            ),
        )
        self._clear_reminders()
        return []

    def _create_answers(self, rows, version):
        """The workbook's answers through the ORM (the path that raises the
        usual errors when _insert_answers cannot vouch for the access rules).
        ``rows``: parse's [(student, {question id: (option ids, text)})]."""
        # sudo: the caller was checked by _check_fill; version and source
        # are the import's own.
        self.env["school.wellbeing.answer"].sudo().create(
            [
                {
                    "sheet_id": self.id,
                    "student_id": student.id,
                    "version": version,
                    "source": "workbook",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "question_id": question_id,
                                "option_ids": [(6, 0, list(option_ids))],
                                "text_value": text or False,
                            },
                        )
                        for question_id, (option_ids, text) in answers.items()
                    ],
                }
                for student, answers in rows
            ]
        )

    def _insert_answers(self, rows, questions, version):
        """The workbook's answers in one parameterised INSERT per table (the
        answers, their lines, the options chosen of each line and of each
        answer), instead of the ORM's create: the hot path of the import
        (45 workbooks, 2,000 students, tests/bench/wellbeing_bench.py).

        What create would check is checked first: the caller's access
        rights (create on answers and lines) and the answers' create record
        rules, evaluated on the values to insert (filtered_domain);
        _check_fill checked the role, the sheet's write rules and the open
        campaign; parse checked every student against the roster (once
        each) and every option against its question (one per single
        question). The stored computed fields (option_ids, complete) are
        computed here from the same values, as _compute_option_ids does.
        Returns False when the fast path cannot vouch for the access rules:
        the caller then takes the ORM path (_create_answers)."""
        self.ensure_one()
        answer_model = self.env["school.wellbeing.answer"]
        line_model = self.env["school.wellbeing.answer.line"]
        if not rows:
            return True
        if not (answer_model.has_access("create") and line_model.has_access("create")):
            return False
        rule_domain = self.env["ir.rule"]._compute_domain(answer_model._name, "create")
        # sudo: an in-memory record, only to evaluate the caller's create
        # rules on the values (the course's teachers may be unreadable).
        probe = answer_model.sudo().new({"sheet_id": self.id, "student_id": rows[0][0].id})
        if rule_domain and not probe.filtered_domain(rule_domain):
            return False
        for model in (answer_model, line_model, self):
            model.flush_model()
        required = set(questions.filtered("required").ids)
        students, completes = [], []
        lines = ([], [], [])  # student, question, text of each line
        chosen = ([], [], [])  # student, question, option of each option chosen
        for student, answers in rows:
            student_id = student.id
            students.append(student_id)
            # parse keeps the answered questions only.
            completes.append(bool(answers) and required <= answers.keys())
            for question_id, (option_ids, text) in answers.items():
                lines[0].append(student_id)
                lines[1].append(question_id)
                lines[2].append(text or None)
                for option_id in option_ids:
                    chosen[0].append(student_id)
                    chosen[1].append(question_id)
                    chosen[2].append(option_id)
        now = fields.Datetime.now()
        # One statement: the answers, their lines, each line's options and
        # each answer's options (the stored option_ids). A student appears
        # once in a sheet's rows (parse), so new answers join on the student.
        self.env.cr.execute(
            SQL(
                """
                WITH new_answer AS (
                    INSERT INTO school_wellbeing_answer
                        (sheet_id, campaign_id, batch_id, company_id, date_start, student_id,
                         version, source, active, complete,
                         create_uid, create_date, write_uid, write_date)
                    SELECT %(sheet)s, %(campaign)s, %(batch)s, %(company)s, %(month)s,
                           s.student, %(version)s, 'workbook', true, s.complete,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(students)s::int[], %(completes)s::bool[])
                           AS s(student, complete)
                    RETURNING id, student_id
                ), new_line AS (
                    INSERT INTO school_wellbeing_answer_line
                        (answer_id, question_id, text_value, company_id,
                         create_uid, create_date, write_uid, write_date)
                    SELECT a.id, l.question, l.text, %(company)s,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(l_students)s::int[], %(l_questions)s::int[],
                                  %(l_texts)s::text[]) AS l(student, question, text)
                      JOIN new_answer a ON a.student_id = l.student
                    RETURNING id, answer_id, question_id
                ), chosen AS (
                    SELECT a.id AS answer, c.question, c.option
                      FROM unnest(%(c_students)s::int[], %(c_questions)s::int[],
                                  %(c_options)s::int[]) AS c(student, question, option)
                      JOIN new_answer a ON a.student_id = c.student
                ), new_line_option AS (
                    INSERT INTO school_wellbeing_answer_line_school_wellbeing_option_rel
                        (school_wellbeing_answer_line_id, school_wellbeing_option_id)
                    SELECT l.id, c.option
                      FROM chosen c
                      JOIN new_line l ON l.answer_id = c.answer AND l.question_id = c.question
                )
                INSERT INTO school_wellbeing_answer_school_wellbeing_option_rel
                    (school_wellbeing_answer_id, school_wellbeing_option_id)
                SELECT DISTINCT c.answer, c.option FROM chosen c
                """,
                sheet=self.id,
                campaign=self.campaign_id.id,
                batch=self.batch_id.id,
                company=self.company_id.id,
                month=self.date_start,
                version=version,
                uid=self.env.uid,
                now=now,
                students=students,
                completes=completes,
                l_students=lines[0],
                l_questions=lines[1],
                l_texts=lines[2],
                c_students=chosen[0],
                c_questions=chosen[1],
                c_options=chosen[2],
            )
        )
        # The new rows are not in the ORM's cache; the sheet's answers changed.
        answer_model.invalidate_model()
        line_model.invalidate_model()
        self.invalidate_recordset(["answer_ids"])
        return True

    # --------------------------------------------------------- reminders --
    def _remind_head_teachers(self):
        """One open reminder per incomplete sheet for its profesor jefe."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for sheet in self.sudo():
            user = sheet.head_teacher_user_id
            if not user or sheet.campaign_id.state != "open":
                continue
            if sheet.student_count and sheet.answer_count >= sheet.student_count:
                continue
            if sheet.activity_ids.filtered(
                lambda a, u=user: a.user_id == u and a.activity_type_id == activity_type
            ):
                continue
            sheet.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=sheet.campaign_id.date_close,
                summary=self.env._(
                    "Fill the wellbeing survey of %(course)s", course=sheet.batch_id.name
                ),
                note=self.env._(
                    "The wellbeing survey of %(month)s is open until %(date)s.",
                    month=sheet.campaign_id.name,
                    date=sheet.campaign_id.date_close,
                ),
                user_id=user.id,
            )

    def _clear_reminders(self):
        # sudo: the reminders are the sheets' own; called after the caller's check.
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", todo.id),
            ]
        ).unlink()
