# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import models

_logger = logging.getLogger(__name__)

# The catalogue's leve "Ingresar atrasado a clases durante la jornada sin
# autorización" (MC 7.1 #14, seed 003 L1468). Looked up by XML id: a school
# may rename it in its catalogue.
LATENESS_FAULT = "school_discipline.school_discipline_fault_l14"


class SchoolAttendanceArrival(models.Model):
    _inherit = "school.attendance.arrival"

    def _school_count_and_cite(self):
        """Protocol XI (seed 003 L3174-3180) for in-class lateness: the 1st
        is only recorded in Inspectoría (the arrival itself); from the 2nd
        on (company setting) each one also puts a negative note of
        irresponsibility in the hoja de vida; from the 3rd on the apoderado
        is cited to sign it (school_attendance_cl's citation, company
        setting school_in_class_lateness_threshold)."""
        result = super()._school_count_and_cite()
        self.filtered(
            lambda a: a.kind == "class_late"
            and a.company_id.school_in_class_lateness_entry_from
            and a.sequence_in_year >= a.company_id.school_in_class_lateness_entry_from
        )._school_write_lateness_entries()
        return result

    def _school_write_lateness_entries(self):
        """The hoja de vida entries of these in-class lateness arrivals.

        Private: called by _school_count_and_cite, i.e. by create after its
        caller check (Inspectoría or Secretaría)."""
        if not self:
            return
        fault = self.env.ref(LATENESS_FAULT, raise_if_not_found=False)
        if fault and not fault.active:
            fault = False
        if not fault:
            _logger.warning(
                "Fault %s is not in the catalogue: in-class lateness written as a plain note",
                LATENESS_FAULT,
            )
        calendar = self.env["school.calendar"]
        vals_list = []
        for arrival in self:
            when = calendar.to_school_time(arrival.datetime, arrival.company_id)
            vals = {
                "student_id": arrival.student_id.id,
                "company_id": arrival.company_id.id,
                "date": arrival.datetime,
                "school_arrival_id": arrival.id,
                "description": self.env._(
                    "Late to a class (no. %(n)s in the school year) on %(date)s: negative "
                    "conduct of irresponsibility.",
                    n=arrival.sequence_in_year,
                    date=when.strftime("%d/%m/%Y %H:%M"),
                ),
            }
            if fault:
                vals["fault_id"] = fault.id
            else:
                vals["kind"] = "note"
            vals_list.append(vals)
        # sudo: Inspectoría or Secretaría registered the arrival (checked by
        # create) and protocol XI writes the entry; neither role creates
        # hoja de vida entries itself, and the link to the arrival is the
        # system's (refused in a user's create).
        self.env["school.discipline.entry"].sudo().create(vals_list)
