# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineCaseStepClose(models.TransientModel):
    """Close a case step from the backend: done with its record, skipped, or
    the apoderado's submission received in writing or by email."""

    _name = "school.discipline.case.step.close"
    _description = "Close a Case Step"

    step_id = fields.Many2one("school.discipline.case.step", required=True)
    mode = fields.Selection(
        [("done", "Done"), ("submission", "Submission received"), ("skip", "Skip")],
        required=True,
        default="done",
    )
    note = fields.Text()
    received_at = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        help="When the apoderado's writing or email arrived (the window is checked against it).",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")

    def action_confirm(self):
        self.ensure_one()
        step = self.step_id
        if self.attachment_ids:
            step.attachment_ids = [fields.Command.link(a.id) for a in self.attachment_ids]
        if self.mode == "submission":
            step.action_register_submission(
                self.note or "", via="backend", received_at=self.received_at
            )
        elif self.mode == "skip":
            step.action_skip(self.note)
        else:
            step.action_done(self.note)
        return {"type": "ir.actions.act_window_close"}
