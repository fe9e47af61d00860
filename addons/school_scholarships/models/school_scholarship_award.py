# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .school_scholarship_guard import COMMISSION, SOSTENEDOR, require


class SchoolScholarshipAward(models.Model):
    """An exemption in the allocation of the fund (seed 003 RI III.9 Art. 3-4,
    L476-486): a ranked proposal the commission adjusts; every change is
    logged with its author and reason."""

    _name = "school.scholarship.award"
    _description = "Scholarship Award"
    _order = "process_id, rank, id"
    _check_company_auto = True

    process_id = fields.Many2one(
        "school.scholarship.process", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="process_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    student_id = fields.Many2one(related="application_id.student_id")
    type_id = fields.Many2one(
        "school.scholarship.type", required=True, ondelete="restrict", check_company=True
    )
    percentage = fields.Float(required=True)
    amount = fields.Monetary(compute="_compute_amount")
    rank = fields.Integer()
    origin = fields.Selection(
        [("proposal", "Proposal"), ("manual", "Commission")], default="manual", required=True
    )
    log_ids = fields.One2many("school.scholarship.award.log", "award_id")
    # Libre disposición, hijo(a) de funcionario (seed 003 RI III.9 Title III,
    # L501-520): 100 % for a child of a teacher, directivo or assistant, for
    # one year. The member of staff is picked from the employees.
    staff_employee_id = fields.Many2one(
        "hr.employee", string="Staff Parent", ondelete="restrict", index="btree_not_null"
    )
    # A criterio del sostenedor, granted during the school year (L512).
    mid_year = fields.Boolean(string="Granted Mid-Year", readonly=True)
    granted_date = fields.Date(readonly=True)

    def _compute_display_name(self):
        for award in self:
            award.display_name = "%s - %s %%" % (
                award.application_id.display_name,
                award.percentage,
            )

    def _compute_amount(self):
        for award in self:
            award.amount = award.percentage / 100.0 * award.process_id.annual_tuition

    @api.constrains("percentage", "type_id")
    def _check_percentage(self):
        for award in self:
            if not 0 < award.percentage <= award.type_id.max_exemption:
                raise ValidationError(
                    self.env._(
                        "An exemption of type %(type)s is between 0 and %(max)s %%.",
                        type=award.type_id.name,
                        max=award.type_id.max_exemption,
                    )
                )

    @api.constrains("percentage", "type_id", "staff_employee_id")
    def _check_staff_child(self):
        """Hijo(a) de funcionario: a member of staff of the school who is a
        parent or apoderado of the student, and the type's full exemption
        (100 % as shipped). One year: the award belongs to the process of one
        school year and ends with it (Art. 12); next year needs a new one."""
        for award in self.sudo():
            stype = award.type_id
            employee = award.staff_employee_id
            if not stype.staff_child:
                if employee:
                    raise ValidationError(
                        self.env._("Only a child-of-staff scholarship names a staff parent.")
                    )
                continue
            if not employee:
                raise ValidationError(
                    self.env._(
                        "A %(type)s scholarship names the member of staff who is the "
                        "student's parent.",
                        type=stype.name,
                    )
                )
            if award.percentage != stype.max_exemption:
                raise ValidationError(
                    self.env._(
                        "A %(type)s scholarship is a full exemption of %(max)s %%.",
                        type=stype.name,
                        max=stype.max_exemption,
                    )
                )
            school = award.company_id
            if not employee.active or employee.company_id not in school | school.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not a member of staff of %(school)s.",
                        employee=employee.name,
                        school=school.name,
                    )
                )
            if employee not in award.application_id._staff_parents():
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not recorded as a parent or apoderado of %(student)s.",
                        employee=employee.name,
                        student=award.application_id.student_id.name,
                    )
                )

    def _authority_error(self):
        return AccessError(
            self.env._("Only the commission or the sostenedor changes the allocation.")
        )

    def _is_socioeconomic(self):
        """Counts in the two thirds 'exclusively socioeconomic' (Art. 4):
        the vulnerability type counts there when the process says so."""
        self.ensure_one()
        vulnerability = self.env.ref(
            "school_scholarships.school_scholarship_type_vulnerability", raise_if_not_found=False
        )
        if self.type_id == vulnerability:
            return self.process_id.vulnerability_in_socioeconomic
        return self.type_id.fund_share == "socioeconomic"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise self._authority_error()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise self._authority_error()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise self._authority_error()
        return super().unlink()

    @api.model
    def _require_adjustable(self, process):
        require(self.env, COMMISSION, SOSTENEDOR, message=self._authority_error().args[0])
        if process.state != "review":
            raise UserError(self.env._("The allocation is adjusted before it is confirmed."))

    @api.model
    def action_add(self, application_id, type_id, percentage, reason, staff_employee_id=False):
        """The commission adds an exemption (a discretionary one, or moves a
        family up the ranking); a child-of-staff one names the staff parent."""
        application = self.env["school.scholarship.application"].browse(application_id)
        application.check_access("read")
        self._require_adjustable(application.process_id)
        if application.state != "review":
            raise UserError(self.env._("Only an application under review can be awarded."))
        _require_reason(self.env, reason)
        # sudo: the caller is the commission (checked above).
        award = self.sudo().create(
            {
                "process_id": application.process_id.id,
                "application_id": application.id,
                "type_id": type_id,
                "percentage": percentage,
                "rank": 0,
                "origin": "manual",
                "staff_employee_id": staff_employee_id or False,
            }
        )
        award._log(0.0, percentage, reason)
        return award

    def action_adjust(self, percentage, reason):
        self.ensure_one()
        self.check_access("read")
        self._require_adjustable(self.process_id)
        _require_reason(self.env, reason)
        old = self.percentage
        # sudo: the caller is the commission (checked above).
        self.sudo().write({"percentage": percentage, "origin": "manual"})
        self.sudo()._log(old, percentage, reason)
        return True

    def action_remove(self, reason):
        self.ensure_one()
        self.check_access("read")
        self._require_adjustable(self.process_id)
        _require_reason(self.env, reason)
        # sudo: the caller is the commission (checked above); the log keeps the trace.
        self.sudo()._log(self.percentage, 0.0, reason)
        self.sudo().unlink()
        return True

    def _log(self, old, new, reason):
        self.env["school.scholarship.award.log"].sudo().create(
            {
                "award_id": self.id if new else False,
                "process_id": self.process_id.id,
                "application_id": self.application_id.id,
                "user_id": self.env.uid,
                "old_percentage": old,
                "new_percentage": new,
                "reason": reason,
            }
        )


def _require_reason(env, reason):
    if not (reason or "").strip():
        raise UserError(env._("Give the reason for the change."))
