# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # shared/research/anchors.md §3.1: SIGE receives one daily mark per
    # student; schools derive it from one block (SchoolTrack uses the 2nd).
    school_attendance_daily_block = fields.Integer(
        string="Block for Daily Attendance",
        default=2,
        help="The class block whose marks are the day's attendance (what SIGE "
        "and the percentages count).",
    )

    # Seed 003 II.2 duty 9: medical certificates within 48 h of their issue.
    school_justification_hours = fields.Integer(string="Hours to Present a Certificate", default=48)
    # P-XI L3160-3164: up to 15 minutes late the agenda suffices; beyond it an
    # apoderado must come and sign.
    school_lateness_guardian_minutes = fields.Integer(
        string="Minutes Late Before an Apoderado Must Sign", default=15
    )
    # RI III.3.1 / P-XI L3168: every 6th start-of-day lateness of the year
    # cites the student to a study hour; the 2nd citation brings a carta de
    # compromiso (L3169).
    school_lateness_study_hour_every = fields.Integer(
        string="Start-of-Day Lateness per Study Hour", default=6
    )
    school_lateness_commitment_after = fields.Integer(
        string="Study Hours Before a Commitment Letter", default=2
    )
    # In-class lateness: P-XI L3180 cites the apoderado to sign the record
    # from the 3rd on, each time (the 2nd only goes to the hoja de vida,
    # L3178: school_attendance_discipline). RI III.3.2 L400 informs the
    # apoderado at the 3rd too; a school that cited from the 2nd (this
    # addon's earlier default) sets 2 (readme, "Conflicts").
    school_in_class_lateness_threshold = fields.Integer(
        string="In-Class Lateness Before Citing the Apoderado", default=3
    )

    # Attendance bands (shared/research/anchors.md §5): 97 % and more,
    # 90 % (chronic absence below: >= 10 % of school days missed), 85 %
    # (promotion, RTP Art. 29), 50 % (P-XIII L3286).
    school_band_excellent = fields.Float(string="Band: Excellent From (%)", default=97.0)
    school_band_normal = fields.Float(string="Band: Normal From (%)", default=90.0)
    school_band_promotion = fields.Float(string="Band: Promotion Minimum (%)", default=85.0)
    school_band_critical = fields.Float(string="Band: Critical Below (%)", default=50.0)

    def write(self, vals):
        changed = self.browse()
        if "school_attendance_daily_block" in vals:
            changed = self.filtered(
                lambda c: c.school_attendance_daily_block != vals["school_attendance_daily_block"]
            )
        result = super().write(vals)
        # The register rows hold the daily block's marks.
        self.env["school.attendance.register.line"]._school_rebuild(changed)
        return result
