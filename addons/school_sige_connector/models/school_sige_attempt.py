# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolSigeAttempt(models.Model):
    """One call to SIGE for a send (addAsistencia or its report): codes,
    messages and the HTTP exchanges as the client kept them (token and
    semilla masked by the client). Append-only history of a send: written
    only by the connector under sudo; nobody has write access."""

    _name = "school.sige.attempt"
    _description = "SIGE Call"
    _order = "id desc"
    _check_company_auto = True

    send_id = fields.Many2one(
        "school.sige.send", string="Send", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="send_id.company_id", store=True, index=True, string="School"
    )
    date = fields.Date(related="send_id.date", store=True)
    operation = fields.Selection(
        [("add", "Send (addAsistencia)"), ("report", "Report (getReporteEnvioAsistencia)")],
        required=True,
    )
    outcome = fields.Char()
    code = fields.Integer(string="SIGE Code")
    meaning = fields.Char()
    tracking_code = fields.Char(string="SIGE Tracking Code")
    title = fields.Char()
    messages = fields.Text()
    error = fields.Text()
    payload_hash = fields.Char()
    exchanges = fields.Text(help="Requests and responses (token and semilla masked).")

    @api.depends("operation", "create_date", "code")
    def _compute_display_name(self):
        labels = dict(self._fields["operation"]._description_selection(self.env))
        for attempt in self:
            attempt.display_name = "%s · %s · %s" % (
                labels.get(attempt.operation, ""),
                attempt.create_date and fields.Datetime.to_string(attempt.create_date),
                attempt.code or attempt.outcome or "",
            )

    @api.model
    def _school_log(self, values, response=None, exchanges=None):
        """Append a call (sudo: the connector's own history)."""
        values = dict(values)
        if response is not None:
            values.update(
                code=response.code,
                meaning=response.meaning,
                title=response.title or False,
                messages="\n".join(response.messages) or False,
                outcome=values.get("outcome") or "answer",
            )
            if response.tracking_code or response.existing_tracking_code:
                values["tracking_code"] = response.tracking_code or response.existing_tracking_code
            exchanges = response.exchanges
        values["exchanges"] = (
            "\n\n".join(
                "%s %s [%s, %.2fs]%s\n--> %s\n<-- %s"
                % (
                    e.operation,
                    e.url,
                    e.status,
                    e.elapsed or 0.0,
                    " %s" % e.error if e.error else "",
                    e.request,
                    e.response or "",
                )
                for e in exchanges or ()
            )
            or False
        )
        return self.sudo().create(values)
