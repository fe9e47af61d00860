# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# Seed 003 RI III.9 Art. 14.5 (L623): the beca is lost "por una falta grave o
# gravísima del alumno y/o apoderado al Reglamento Interno de Disciplina y
# Convivencia Escolar". A fault is established only by the due process (MC
# 8.2 L1560-1567; a "registro de hecho relevante" of a grave or gravísima
# does not sanction by itself, L1746; apoderados: MC 12 L1765). So the
# signal is a case of that level that ends with a sanction, not the entry
# in the hoja de vida.
SIGNAL_LEVELS = ("grave", "gravisima")
SIGNAL_KINDS = ("disciplinary", "guardian")


class SchoolDisciplineCase(models.Model):
    _inherit = "school.discipline.case"

    def _school_close_if_done(self):
        open_before = self.filtered(lambda c: c.state == "open")
        result = super()._school_close_if_done()
        decided = open_before._school_scholarship_loss_signals()
        if decided:
            # sudo: the case was closed by its own checked steps; whether the
            # student holds a beca is not the convivencia team's to read, so
            # the proposal is opened for the commission without showing it.
            self.env["school.scholarship.loss.proposal"].sudo()._propose_for_cases(decided)
        return result

    def _school_scholarship_loss_signals(self):
        """The closed cases that signal Art. 14.5: a grave or gravísima
        fault of a student or an apoderado, decided with a sanction."""
        return self.filtered(
            lambda c: c.state == "closed"
            and c.sanction_id
            and c.kind in SIGNAL_KINDS
            and c.fault_level in SIGNAL_LEVELS
        )
