# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .school_guard import INSPECTOR, SECRETARY, check_protected


class SchoolAttendanceArrival(models.Model):
    """A late arrival or an early withdrawal registered by Inspectoría.

    - Start-of-day lateness (RI III.3.1, P-XI L3160-3169): up to the
      company's limit (15 minutes) the student shows the agenda; beyond it
      an apoderado must come and sign. Every Nth one in the school year (6th)
      cites the student to a study hour.
    - In-class lateness (P-XI L3174-3180, RI III.3.2 L400): the 1st is only
      recorded here; from the Nth one in the year (P-XI: the 3rd) the
      apoderado is cited to sign the record, each time. The threshold is a
      company setting, protocol XI's by default; the citation is school_base's
      school.guardian.citation, linked to the lateness. The anotación in the hoja
      de vida from the 2nd (P-XI L3178) is written by the bridge addon
      school_attendance_discipline when school_discipline is installed.
    - Withdrawal (retiro, P-IX): who picked the student up, when, why. P-IX
      gives no procedure (digest X-24); whoever may pick a student up is the
      apoderado titular or suplente of the enrolment record (P-XI L3164,
      P-VII L3054), and an exit out of hours needs the Inspectoría
      General's authorisation (RI II.3 L264): another adult only with it.
    The two lateness counters are separate (regulation digest, rule 1).
    """

    _name = "school.attendance.arrival"
    _description = "Late Arrival or Withdrawal"
    _order = "datetime desc"
    _check_company_auto = True
    # The numbering and what follows from it, and the computed checks of a
    # withdrawal: never from the caller (_school_count_and_cite writes the
    # first two under sudo, the others are computed).
    _school_protected_fields = frozenset(
        {
            "sequence_in_year",
            "citation_id",
            "guardian_citation_ids",
            "authorized_adult",
            "requires_guardian",
        }
    )
    # The Inspectoría General's authorisation of another adult (RI II.3).
    _school_inspector_fields = frozenset({"inspector_authorized"})
    # What the numbering and the citations follow from (P-XI): fixed once
    # registered, or a lateness would keep the number and the citation of
    # another student, kind or year.
    _school_fixed_fields = frozenset({"student_id", "kind", "datetime", "company_id"})

    student_id = fields.Many2one("op.student", required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        [
            ("start_late", "Late at the start of the day"),
            ("class_late", "Late to a class"),
            ("withdrawal", "Early withdrawal (retiro)"),
        ],
        required=True,
        default="start_late",
    )
    datetime = fields.Datetime(required=True, default=fields.Datetime.now)
    date = fields.Date(compute="_compute_date", store=True, index=True, precompute=True)
    minutes_late = fields.Integer()
    guardian_id = fields.Many2one(
        "op.parent",
        string="Apoderado",
        domain="[('student_ids', 'in', [student_id])]",
        help="For a withdrawal: the apoderado of the enrolment record who picked the student up.",
    )
    companion = fields.Char(
        string="Accompanied By",
        compute="_compute_companion",
        store=True,
        readonly=False,
        precompute=True,
        help="Adult who came with (or picked up) the student.",
    )
    reason = fields.Char()
    requires_guardian = fields.Boolean(
        string="Apoderado Must Sign", compute="_compute_requires_guardian", store=True
    )
    guardian_signed = fields.Boolean(string="Apoderado Signed")
    agenda_signed = fields.Boolean(string="Agenda Shown")
    authorized_adult = fields.Boolean(
        string="Authorised Adult",
        compute="_compute_authorized_adult",
        store=True,
        precompute=True,
        help="For a withdrawal: the adult is an apoderado (titular or suplente) "
        "of the enrolment record.",
    )
    inspector_authorized = fields.Boolean(
        string="Authorised by Inspectoría General",
        help="For a withdrawal by an adult who is not an apoderado of the enrolment "
        "record: the Inspectoría General authorised it.",
    )
    sequence_in_year = fields.Integer(
        string="Number in the Year",
        readonly=True,
        help="How many of this kind the student has in the school year, this one included.",
    )
    citation_id = fields.Many2one("school.attendance.citation", string="Study Hour", readonly=True)
    guardian_citation_ids = fields.One2many(
        "school.guardian.citation",
        "arrival_id",
        string="Apoderado Citations",
        readonly=True,
        help="The apoderado cited for this in-class lateness (protocol XI).",
    )

    @api.depends("datetime", "company_id")
    def _compute_date(self):
        # The school's day, whoever registers it (the editor's own time zone
        # would put a late-evening withdrawal on the next day, and count it
        # in another school year on 31 December).
        calendar = self.env["school.calendar"]
        for arrival in self:
            arrival.date = (
                arrival.datetime
                and calendar.to_school_time(
                    arrival.datetime, arrival.company_id or self.env.company
                ).date()
            )

    @api.depends("kind", "minutes_late", "company_id.school_lateness_guardian_minutes")
    def _compute_requires_guardian(self):
        for arrival in self:
            limit = arrival.company_id.school_lateness_guardian_minutes
            arrival.requires_guardian = (
                arrival.kind == "start_late" and arrival.minutes_late > limit
            )

    @api.depends("guardian_id")
    def _compute_companion(self):
        for arrival in self.filtered("guardian_id"):
            arrival.companion = arrival.guardian_id.name.name

    @api.depends("guardian_id.student_ids", "student_id")
    def _compute_authorized_adult(self):
        for arrival in self:
            arrival.authorized_adult = bool(
                arrival.guardian_id and arrival.student_id in arrival.guardian_id.student_ids
            )

    @api.constrains("kind", "companion", "authorized_adult", "inspector_authorized")
    def _check_withdrawal(self):
        for arrival in self.filtered(lambda a: a.kind == "withdrawal"):
            if not arrival.companion:
                raise UserError(
                    self.env._(
                        "Withdrawal of %(student)s: write who picked the student up.",
                        student=arrival.student_id.name,
                    )
                )
            if not (arrival.authorized_adult or arrival.inspector_authorized):
                raise UserError(
                    self.env._(
                        "Withdrawal of %(student)s: %(adult)s is not an apoderado of the "
                        "enrolment record. Only the apoderado titular or suplente may pick "
                        "the student up; another adult needs the Inspectoría General's "
                        "authorisation.",
                        student=arrival.student_id.name,
                        adult=arrival.companion,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        """Inspectoría or Secretaría registers an arrival or a withdrawal."""
        self.env["res.users"]._school_require_role(
            SECRETARY,
            message=self.env._("Only Inspectoría or Secretaría can register arrivals."),
        )
        self._school_check_fields(vals_list)
        self.env["op.student"]._school_fill_company(vals_list)
        arrivals = super().create(vals_list)
        arrivals._school_count_and_cite()
        return arrivals

    def write(self, vals):
        self._school_check_fields([vals])
        if not self.env.su:
            for name in self._school_fixed_fields & set(vals):
                field = self._fields[name]
                if any(
                    field.convert_to_record(field.convert_to_cache(vals[name], arrival), arrival)
                    != arrival[name]
                    for arrival in self
                ):
                    raise UserError(
                        self.env._(
                            "The student, kind, time and school of a registered arrival or "
                            "withdrawal cannot change: its number in the year and its "
                            "citations follow from them. Register it again as it was."
                        )
                    )
        return super().write(vals)

    @api.model
    def _school_check_fields(self, vals_list):
        check_protected(self, vals_list, self._school_protected_fields)
        if any(vals.get(name) for vals in vals_list for name in self._school_inspector_fields):
            self.env["res.users"]._school_require_role(
                INSPECTOR,
                message=self.env._(
                    "Only the Inspectoría General can authorise another adult to pick a student up."
                ),
            )

    def _school_count_and_cite(self):
        """Number each lateness within its year and kind; create citations.

        Called by create after its caller check. Two arrivals of a student
        registered at the same time must not get the same number: the
        student's row is locked first. Odoo runs REPEATABLE READ
        transactions: a bare SELECT ... FOR UPDATE would make the second
        request wait, then count with the snapshot it took before the first
        committed (the same number again). The lock is therefore taken by a
        no-op UPDATE: the waiting request then fails with a serialization
        error, which Odoo retries with a fresh snapshot (the right number).
        """
        late = self.filtered(lambda a: a.kind in ("start_late", "class_late"))
        if not late:
            return
        self.env.execute_query(
            SQL(
                "UPDATE op_student SET write_date = write_date WHERE id = ANY(%s)",
                sorted(late.student_id.ids),
            )
        )
        years = {a.date.year for a in late}
        counts = defaultdict(int)
        # sudo: every earlier lateness of the students counts, whatever the
        # caller's record rules show (the caller was checked by create).
        rows = self.sudo()._read_group(
            [
                ("student_id", "in", late.student_id.ids),
                ("kind", "in", ["start_late", "class_late"]),
                ("date", ">=", "%s-01-01" % min(years)),
                ("date", "<=", "%s-12-31" % max(years)),
                ("id", "not in", late.ids),
            ],
            ["student_id", "kind", "date:year"],
            ["__count"],
        )
        for student, kind, year, count in rows:
            counts[(student.id, kind, year.year)] = count
        study_hours, guardian = [], self.browse()
        for arrival in late.sorted("datetime"):
            key = (arrival.student_id.id, arrival.kind, arrival.date.year)
            counts[key] += 1
            # sudo: the number is protected; written here only.
            arrival.sudo().sequence_in_year = counts[key]
            company = arrival.company_id
            if arrival.kind == "start_late":
                every = company.school_lateness_study_hour_every
                if every and counts[key] % every == 0:
                    study_hours.append(arrival)
            elif counts[key] >= company.school_in_class_lateness_threshold:
                guardian |= arrival
        if study_hours:
            # sudo: the study hour's arrival is protected (set here only).
            created = (
                self.env["school.attendance.citation"]
                .sudo()
                .create(
                    [
                        {
                            "student_id": arrival.student_id.id,
                            "company_id": arrival.company_id.id,
                            "arrival_id": arrival.id,
                        }
                        for arrival in study_hours
                    ]
                )
            )
            for arrival, citation in zip(study_hours, created, strict=True):
                arrival.sudo().citation_id = citation
        guardian._school_cite_guardian()

    def _school_cite_guardian(self):
        """Cite the apoderado to sign the record of these in-class lateness
        arrivals (P-XI L3178-3180). Private: called by the numbering, i.e. by
        create after its caller check (Inspectoría or Secretaría)."""
        if not self:
            return self.env["school.guardian.citation"]
        vals_list = [
            {
                "student_id": arrival.student_id.id,
                "company_id": arrival.company_id.id,
                "arrival_id": arrival.id,
                **arrival._school_guardian_citation_vals(),
            }
            for arrival in self
        ]
        # sudo: the citation's arrival is protected (the system links it);
        # Inspectoría or Secretaría registered the lateness (checked by create).
        return self.env["school.guardian.citation"].sudo().create(vals_list)

    def _school_guardian_citation_vals(self):
        """The course and the reason of the apoderado's citation for this
        in-class lateness (the number and the date, in the school's time
        zone)."""
        self.ensure_one()
        when = self.env["school.calendar"].to_school_time(self.datetime, self.company_id)
        return {
            "batch_id": self.student_id._school_batch_on(self.date).id,
            "reason": self.env._(
                "Late to a class (no. %(n)s in the school year) on %(date)s: the "
                "apoderado signs the record.",
                n=self.sequence_in_year,
                date=when.strftime("%d/%m/%Y %H:%M"),
            ),
        }

    @api.depends("kind", "student_id", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for arrival in self:
            arrival.display_name = "%s · %s · %s" % (
                kinds.get(arrival.kind, ""),
                arrival.student_id.name or "",
                arrival.date.strftime("%d/%m/%Y") if arrival.date else "",
            )
