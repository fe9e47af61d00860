# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError


class SchoolGuardianCitation(models.Model):
    """Citación al apoderado in convivencia (MC 10 L1721, RI III.6, MC 11
    L1756-1761): the case or hoja de vida entry it comes from, the
    interview's agreements (kept in the ficha) and the hoja de vida's record
    of the date, the reason and the apoderado's signature. A missed
    citation is itself recorded."""

    _inherit = "school.guardian.citation"

    agreements = fields.Text(help="Kept in the ficha del estudiante.")
    case_id = fields.Many2one("school.discipline.case", index=True, check_company=True)
    entry_id = fields.Many2one(
        "school.discipline.entry",
        string="Origin Entry",
        readonly=True,
        index="btree_not_null",
    )

    def _school_protected_fields(self):
        # The entry it came from is the system's (the ladder links it).
        return super()._school_protected_fields() | {"entry_id"}

    def _school_link_fields(self):
        return super()._school_link_fields() | {"case_id"}

    def _school_check_links(self):
        """...and, when it belongs to a case, to a case of that student the
        user may read (not a reserved case)."""
        result = super()._school_check_links()
        for citation in self.filtered("case_id"):
            citation.case_id.check_access("read")
            if citation.case_id.student_id != citation.student_id:
                raise AccessError(
                    self.env._("The case of a citation is a case of the same student.")
                )
        return result

    def _school_record_outcome(self, attended):
        """The hoja de vida records the interview (date, reason, signature)
        or that the apoderado did not come; the agreements go to the ficha."""
        result = super()._school_record_outcome(attended)
        entries = []
        calendar = self.env["school.calendar"]
        for citation in self:
            when = calendar.to_school_time(
                citation.scheduled_at or fields.Datetime.now(), citation.company_id
            ).strftime("%d/%m/%Y")
            base = {
                "student_id": citation.student_id.id,
                "company_id": citation.company_id.id,
                "batch_id": citation.batch_id.id,
                "kind": "citation",
            }
            if attended:
                entries.append(
                    dict(
                        base,
                        book="hoja_vida",
                        description=self.env._(
                            "%(date)s. Motivo: %(reason)s. Firma del apoderado registrada.",
                            date=when,
                            reason=citation.reason,
                        ),
                    )
                )
                if citation.agreements:
                    entries.append(
                        dict(
                            base,
                            book="ficha",
                            label=self.env._("Entrevista con el apoderado"),
                            description=citation.agreements,
                        )
                    )
            else:
                entries.append(
                    dict(
                        base,
                        book="hoja_vida",
                        label=self.env._("Citación no asistida"),
                        description=self.env._(
                            "%(date)s. Motivo: %(reason)s. El apoderado no asistió.",
                            date=when,
                            reason=citation.reason,
                        ),
                    )
                )
        # sudo: citation entries are written by the system from the citation
        # (its author is the user recording it, checked by the action).
        self.env["school.discipline.entry"].sudo().create(entries)
        return result
