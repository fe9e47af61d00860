# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolAttendanceSession(models.Model):
    """The attendance of one class block of one course on one day.

    Marks live in school.attendance.line, one row per student, with no
    chatter and no tracking: the audit trail Circular 30 asks for goes to the
    append-only school.attendance.log instead (shared/research/anchors.md
    §3.2). Once signed, a mark changes only through a correction request
    approved by the Director (visado).
    """

    _name = "school.attendance.session"
    _description = "Class Block Attendance"
    _order = "date desc, block, batch_id"
    _check_company_auto = True

    batch_id = fields.Many2one(
        "op.batch", string="Course", required=True, index=True, check_company=True
    )
    date = fields.Date(required=True, index=True)
    block = fields.Integer(required=True, default=1, help="Class block of the day (1, 2, …).")
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("signed", "Signed")], default="draft", required=True, index=True
    )
    signed_by_id = fields.Many2one("res.users", string="Signed By", readonly=True)
    signed_at = fields.Datetime(readonly=True)
    line_ids = fields.One2many("school.attendance.line", "session_id", string="Marks")

    _sql_constraints = [
        (
            "batch_date_block_uniq",
            "unique(batch_id, date, block)",
            "A course has one attendance per block and day.",
        ),
    ]

    @api.depends("batch_id", "date", "block")
    def _compute_display_name(self):
        for session in self:
            session.display_name = "%s · %s · %s" % (
                session.batch_id.name,
                session.date,
                session.block,
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["school.attendance.month"]._check_open(
            [
                (vals.get("company_id") or self.env.company.id, fields.Date.to_date(vals["date"]))
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["school.attendance.month"]._check_open([(s.company_id.id, s.date) for s in self])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(session.state == "signed" for session in self):
            raise UserError(self.env._("A signed attendance cannot be deleted."))
        self.env["school.attendance.month"]._check_open([(s.company_id.id, s.date) for s in self])

    # ---------------------------------------------------------- actions --
    def action_sign(self):
        """The teacher signs the block: its marks are final from now on."""
        drafts = self.filtered(lambda s: s.state == "draft")
        drafts.write(
            {"state": "signed", "signed_by_id": self.env.uid, "signed_at": fields.Datetime.now()}
        )
        return True

    # ------------------------------------------------------------ API ----
    @api.model
    def save_block(self, batch_id, date, block, marks=(), sign=False):
        """Record the attendance of one block; the method the portal calls.

        Every student enrolled in the course on ``date`` is present except
        those in ``marks``, a list of ``{"student_id": id, "code": key,
        "late_minutes": n}`` (``code`` is a school.attendance.code key such
        as ``absent`` or ``late``). Sending the same block again is harmless
        (retry-safe): only differences are written, and logged. The number of
        SQL queries does not depend on the class size. With ``sign`` the
        block is signed. Returns the session.
        """
        date = fields.Date.to_date(date)
        batch = self.env["op.batch"].browse(batch_id)
        batch.check_access("read")
        company = batch.company_id or self.env.company
        if not self.env["school.calendar"].is_school_day(date, company=company):
            raise UserError(
                self.env._(
                    "%(date)s is not a school day of %(school)s.",
                    date=date.strftime("%d/%m/%Y"),
                    school=company.name,
                )
            )
        codes = self.env["school.attendance.code"]._school_code_map()
        present = self.env["school.attendance.code"].browse(codes["present"][0])
        wanted = {}
        for mark in marks:
            code = codes.get(mark.get("code"))
            if not code:
                raise UserError(
                    self.env._("Unknown attendance code %(code)s.", code=mark.get("code"))
                )
            late = int(mark.get("late_minutes") or 0) if code[1] else 0
            if late < 0:
                raise UserError(self.env._("Minutes late cannot be negative."))
            wanted[int(mark["student_id"])] = (code[0], late)
        enrolled = batch._school_students_on(date)
        unknown = set(wanted) - set(enrolled.ids)
        if unknown:
            raise UserError(
                self.env._(
                    "These students are not enrolled in %(course)s on %(date)s: %(ids)s",
                    course=batch.name,
                    date=date.strftime("%d/%m/%Y"),
                    ids=", ".join(map(str, sorted(unknown))),
                )
            )
        session = self.search(
            [("batch_id", "=", batch.id), ("date", "=", date), ("block", "=", block)], limit=1
        )
        if session.state == "signed":
            raise UserError(
                self.env._("This block is signed: ask for a correction to change a mark.")
            )
        lines = self.env["school.attendance.line"]
        if not session:
            vals = {"batch_id": batch.id, "date": date, "block": block, "company_id": company.id}
            if sign:
                # Taken and signed in one go: no draft step to store.
                vals.update(
                    state="signed", signed_by_id=self.env.uid, signed_at=fields.Datetime.now()
                )
            session = self.create(vals)
            lines._school_insert_marks(session, enrolled, wanted, present)
            return session
        session.line_ids._school_apply_marks(session, enrolled, wanted, present)
        if sign:
            session.action_sign()
        return session
