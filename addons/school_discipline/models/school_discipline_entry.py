# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .roles import CONVIVENCIA, DIRECTOR, ENTRY_ROLES, INSPECTOR

# Who records facts reported late (not bound by the school's backdating limit).
LATE_ENTRY_ROLES = (INSPECTOR, CONVIVENCIA, DIRECTOR)

# What each kind of entry is called in the class book (seed 003 MC 11,
# L1737-1761; digest §2.8). The ladder step's label wins for leves.
USER_KINDS = ("positive", "leve", "relevant_fact", "note")
# Written by the system only (the ladder, cases, citations, corrections):
# refused in a user's create; entries are never written afterwards.
SYSTEM_FIELDS = {
    "source_case_id",
    "corrects_entry_id",
    "occurrence",
    "ladder_step_id",
    "needs_review",
    "label",
}

KIND_LABELS = {
    "positive": "Anotación positiva",
    "relevant_fact": "Registro relevante",
    "measures": "Medidas disciplinarias aplicadas",
    "citation": "Registro de citación al apoderado",
    "protocol": "Registro de protocolo",
    "note": "Registro",
}


class SchoolDisciplineEntry(models.Model):
    """An entry of a student's record: the hoja de vida of the libro de clases,
    the ficha del estudiante or the bitácora of a TEA student (MC 11).

    The record is append-only (Circular 30 class-book rules, digest §2.8):
    nobody edits or deletes an entry; a correction is a new entry that points
    at the one it corrects.

    - A leve climbs the ladder of MC 7.1 (``school.discipline.ladder.step``):
      the Nth leve of the student in the calendar year picks the rung, which
      says whether it goes to the ficha or to the hoja de vida (Amonestación).
    - A grave or gravísima is written as a neutral "Registro relevante" and
      opens a case: no sanction exists before due process (MC 11 L1746).
    - For a student with TEA / neurodivergence, leves and relevant facts are
      also written in the bitácora (MC 7.2 L1504, 7.3 L1533).
    """

    _name = "school.discipline.entry"
    _description = "Student Record Entry"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "label"

    student_id = fields.Many2one("op.student", required=True, index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", string="School", required=True, index=True, default=lambda s: s.env.company
    )
    batch_id = fields.Many2one("op.batch", string="Course", index=True, check_company=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    author_id = fields.Many2one(
        "res.users", string="Recorded By", required=True, default=lambda s: s.env.user
    )
    kind = fields.Selection(
        [
            ("positive", "Positive"),
            ("leve", "Leve"),
            ("relevant_fact", "Relevant fact (grave / gravísima)"),
            ("measures", "Measures applied"),
            ("citation", "Apoderado citation"),
            ("protocol", "Protocol"),
            ("note", "Note"),
        ],
        required=True,
        index=True,
    )
    book = fields.Selection(
        [
            ("hoja_vida", "Hoja de vida"),
            ("ficha", "Ficha del estudiante"),
            ("bitacora", "Bitácora"),
        ],
        required=True,
        default="hoja_vida",
        index=True,
    )
    label = fields.Char(readonly=True)
    subject_name = fields.Char(string="Subject", help="Asignatura, as in the class book.")
    fault_id = fields.Many2one(
        "school.discipline.fault", domain="[('subject', '=', 'student')]", check_company=True
    )
    fault_level = fields.Selection(related="fault_id.level", store=True)
    award_id = fields.Many2one("school.discipline.award", check_company=True)
    description = fields.Text(string="Facts", required=True)
    occurrence = fields.Integer(readonly=True, help="Which leve of the year this is (leve ladder).")
    ladder_step_id = fields.Many2one("school.discipline.ladder.step", readonly=True)
    needs_review = fields.Boolean(
        string="Review for Neglect",
        readonly=True,
        help="Repeated leves: Inspectoría rules out neglect or a rights violation.",
    )
    source_case_id = fields.Many2one(
        "school.discipline.case", string="Case", readonly=True, index=True
    )
    case_ids = fields.One2many("school.discipline.case", "entry_id", string="Opened Cases")
    corrects_entry_id = fields.Many2one(
        "school.discipline.entry", string="Corrects", readonly=True, index=True
    )
    correction_ids = fields.One2many("school.discipline.entry", "corrects_entry_id")

    @api.constrains("student_id", "batch_id")
    def _check_batch(self):
        for entry in self.filtered("batch_id"):
            if entry.batch_id not in entry.student_id.course_detail_ids.batch_id:
                raise ValidationError(
                    self.env._(
                        "%(student)s is not enrolled in %(course)s.",
                        student=entry.student_id.name,
                        course=entry.batch_id.name,
                    )
                )

    @api.constrains("kind", "fault_id", "award_id")
    def _check_kind(self):
        for entry in self:
            if entry.kind in ("leve", "relevant_fact") and not entry.fault_id:
                raise ValidationError(
                    self.env._(
                        "Entry of %(student)s: choose the fault from the catalogue.",
                        student=entry.student_id.name,
                    )
                )

    # ------------------------------------------------------------ create --
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Access rights first: the ladder below counts under sudo.
            self.browse().check_access("create")
            self._school_check_user_vals(vals_list)
        vals_list = self.env["op.student"]._school_fill_company(vals_list)
        students = self.env["op.student"].browse({v["student_id"] for v in vals_list})
        faults = self.env["school.discipline.fault"].browse(
            {v["fault_id"] for v in vals_list if v.get("fault_id")}
        )
        for vals in vals_list:
            fault = faults.filtered(lambda f, v=vals: f.id == v.get("fault_id"))
            if fault and not vals.get("kind"):
                vals["kind"] = "leve" if fault.level == "leve" else "relevant_fact"
            if not vals.get("batch_id"):
                student = students.filtered(lambda s, v=vals: s.id == v["student_id"])
                vals["batch_id"] = student._school_current_batch().id
            if vals.get("kind") == "positive" and vals.get("award_id"):
                vals.setdefault("label", self.env._("Estímulo"))
            vals.setdefault("label", KIND_LABELS.get(vals.get("kind"), "Registro"))
            if vals.get("kind") == "relevant_fact":
                # MC 11 L1746: neutral record, in the hoja de vida.
                vals["book"] = "hoja_vida"
        self._school_climb_ladder([v for v in vals_list if v.get("kind") == "leve"])
        entries = super().create(vals_list)
        entries._school_after_create()
        return entries

    @api.model
    def _school_check_user_vals(self, vals_list):
        """What a user may write: a positive note, a fault or a plain note,
        by themselves, not in the future. Measures, protocol and citation
        entries, corrections and links to cases are written by the system."""
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("kind", "leve") not in USER_KINDS or vals.keys() & SYSTEM_FIELDS:
                raise UserError(
                    self.env._(
                        "This kind of entry is written by the system (cases, citations, "
                        "corrections)."
                    )
                )
            vals["author_id"] = self.env.uid
            if vals.get("date") and fields.Datetime.to_datetime(vals["date"]) > now:
                raise UserError(self.env._("An entry cannot be dated in the future."))
            if vals.get("date") and not self.env["res.users"]._school_has_role(*LATE_ENTRY_ROLES):
                self._school_check_backdate(vals)

    @api.model
    def _school_check_backdate(self, vals):
        """A teacher dates an entry at most the school's number of days back
        (days counted in the school's time zone, whoever records it)."""
        company = (
            self.env["res.company"].browse(vals["company_id"])
            if vals.get("company_id")
            else self.env["op.student"].browse(vals.get("student_id")).company_id
        ) or self.env.company
        calendar = self.env["school.calendar"]
        day = calendar.to_school_time(fields.Datetime.to_datetime(vals["date"]), company).date()
        days = company.school_entry_backdate_days
        if (calendar.school_today(company) - day).days > days:
            raise UserError(
                self.env._(
                    "An entry can be dated at most %(days)s days back; ask Inspectoría or "
                    "Convivencia to record an older fact.",
                    days=days,
                )
            )

    @api.model
    def _school_climb_ladder(self, vals_list):
        """Place each leve on the MC 7.1 ladder.

        Counting scope (digest X-10, not said by the Reglamento): all the
        leves of the student in the calendar year, whatever the fault or the
        teacher; bitácora copies and corrections do not count.
        """
        if not vals_list:
            return
        dates = [
            fields.Datetime.to_datetime(v.get("date") or fields.Datetime.now()) for v in vals_list
        ]
        year_from = datetime.datetime(min(dates).year, 1, 1)
        year_to = datetime.datetime(max(dates).year + 1, 1, 1)
        self._school_lock_students({v["student_id"] for v in vals_list})
        # sudo: the ladder counts every leve of the student in the year, also
        # those recorded in courses the recording teacher does not teach.
        rows = self.sudo()._read_group(
            [
                ("student_id", "in", [v["student_id"] for v in vals_list]),
                ("kind", "=", "leve"),
                ("book", "!=", "bitacora"),
                ("corrects_entry_id", "=", False),
                ("date", ">=", year_from),
                ("date", "<", year_to),
            ],
            ["student_id", "date:year"],
            ["__count"],
        )
        counts = {(student.id, year.year): count for student, year, count in rows}
        steps = self.env["school.discipline.ladder.step"].search([], order="occurrence")
        for vals, date in zip(vals_list, dates, strict=True):
            key = (vals["student_id"], date.year)
            counts[key] = counts.get(key, 0) + 1
            company_steps = steps.filtered(
                lambda s, v=vals: s.company_id.id in (False, v.get("company_id"))
            )
            step = company_steps.filtered(lambda s, n=counts[key]: s.occurrence <= n)[-1:]
            vals["occurrence"] = counts[key]
            if step:
                vals.update(
                    ladder_step_id=step.id,
                    book=step.book,
                    label=step.label,
                    needs_review=step.review_neglect,
                )
            else:
                vals.update(book="ficha", label=self.env._("Registro de falta leve"))

    @api.model
    def _school_lock_students(self, student_ids):
        """Two leves of one student recorded at the same time must not both
        be the Nth of the ladder. The students' rows are locked until the
        transaction ends, by a write (a no-op update): Odoo's transactions
        are REPEATABLE READ, so a concurrent request that recorded a leve
        for the same student makes this one fail with a serialization error,
        which Odoo retries with a fresh snapshot that counts that leve (a
        bare SELECT ... FOR UPDATE would wait, then count on its old
        snapshot)."""
        ids = tuple(sorted(student_ids))
        if not ids:
            return
        # In id order, so that two requests never wait on each other in a
        # cycle; NO KEY UPDATE leaves inserts that reference the student free.
        self.env.cr.execute(
            SQL("SELECT id FROM op_student WHERE id IN %s ORDER BY id FOR NO KEY UPDATE", ids)
        )
        self.env.cr.execute(
            SQL("UPDATE op_student SET write_date = write_date WHERE id IN %s", ids)
        )

    def _school_after_create(self):
        """Cases for relevant facts, bitácora copies for TEA students and
        citations the ladder asks for."""
        originals = self.filtered(lambda e: e.book != "bitacora" and not e.corrects_entry_id)
        facts = originals.filtered(lambda e: e.kind == "relevant_fact" and not e.source_case_id)
        if facts:
            # sudo: whoever records a grave or gravísima (a teacher, MC 7.2 #1)
            # opens the case for Inspectoría, without access to case files.
            self.env["school.discipline.case"].sudo().create(
                [
                    {
                        "type_id": entry.fault_id.case_type_id.id,
                        "student_id": entry.student_id.id,
                        "batch_id": entry.batch_id.id,
                        "fault_id": entry.fault_id.id,
                        "entry_id": entry.id,
                        "company_id": entry.company_id.id,
                        "knowledge_datetime": entry.date,
                        "user_id": False,
                        "event_datetime": entry.date,
                    }
                    for entry in facts
                    if entry.fault_id.case_type_id
                ]
            )
        tea = originals.filtered(
            lambda e: e.kind in ("leve", "relevant_fact") and e.student_id.school_neurodivergent
        )
        if tea:
            # sudo: the bitácora copy of what the user just recorded (their
            # rights were checked by this create) is the system's.
            self.sudo().create(
                [
                    {
                        "student_id": entry.student_id.id,
                        "company_id": entry.company_id.id,
                        "batch_id": entry.batch_id.id,
                        "date": entry.date,
                        "kind": "note",
                        "book": "bitacora",
                        "label": self.env._("Bitácora"),
                        "fault_id": entry.fault_id.id,
                        "description": entry.description,
                    }
                    for entry in tea
                ]
            )
        cite = originals.filtered(lambda e: e.ladder_step_id.cite_guardian)
        if cite:
            cite._school_cite_guardians()

    def _school_cite_guardians(self):
        """Cite the apoderado for these entries, as the ladder asks (private:
        called by _school_after_create, after create checked the caller).
        school_attendance_discipline links a lateness's own citation instead
        of citing twice."""
        if not self:
            return self.env["school.guardian.citation"]
        # sudo: the ladder cites the apoderado for the entry the user just
        # recorded; the citation's link to its entry is the system's.
        return (
            self.env["school.guardian.citation"]
            .sudo()
            .create([entry._school_ladder_citation_vals() for entry in self])
        )

    def _school_ladder_citation_vals(self):
        self.ensure_one()
        return {
            "student_id": self.student_id.id,
            "company_id": self.company_id.id,
            "batch_id": self.batch_id.id,
            "reason": self.env._(
                "%(label)s (leve n.º %(n)s): %(fault)s",
                label=self.label,
                n=self.occurrence,
                fault=self.fault_id.display_name,
            ),
            "entry_id": self.id,
        }

    # ------------------------------------------------- append-only rules --
    def write(self, vals):
        if vals:
            raise UserError(
                self.env._(
                    "Entries of the student's record cannot be changed (class-book "
                    "rule). Add a correction instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Entries of the student's record are kept: they cannot be deleted.")
        )

    def action_correct(self, description):
        """Add a correction of this entry (the original stays as it was).

        Who corrects: staff who may record entries for this student (the
        author, a teacher of the course, Inspectoría, convivencia, psychology,
        the Director); never an apoderado nor a student."""
        self.ensure_one()
        self.check_access("read")
        if not self.env.su:
            self.env["res.users"]._school_require_role(
                *ENTRY_ROLES,
                message=self.env._("Only school staff who record entries can correct one."),
            )
            self.browse().check_access("create")
        if not isinstance(description, str) or not description.strip():
            raise UserError(self.env._("Write the correction."))
        # sudo: a correction points at the entry it corrects, a link users
        # cannot set themselves; the caller was checked above and the author
        # is the caller.
        correction = self.sudo().create(
            {
                "student_id": self.student_id.id,
                "company_id": self.company_id.id,
                "batch_id": self.batch_id.id,
                "kind": "note",
                "book": self.book,
                "label": self.env._("Corrección"),
                "description": description.strip(),
                "corrects_entry_id": self.id,
                "author_id": self.env.uid,
            }
        )
        # The caller's record rules for creating entries hold for the
        # correction too (e.g. a teacher only in their own courses).
        correction.with_env(self.env).check_access("create")
        return correction
