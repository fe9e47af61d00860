# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what with the wellbeing survey: the roles each public method
checks first (the model is the boundary: any logged-in user can call any
public method over RPC). Record rules still decide which records a role
reaches: the profesor jefe only their own course's."""

from odoo.exceptions import AccessError

HEAD_TEACHER = "school_base.school_base_group_head_teacher"
CONVIVENCIA = "school_base.school_base_group_convivencia"
PSYCHOLOGIST = "school_base.school_base_group_psychologist"
DIRECTOR = "school_base.school_base_group_director"

# Run the campaigns (create, open, close) and read every answer and risk.
TEAM_ROLES = (CONVIVENCIA, PSYCHOLOGIST, DIRECTOR)
# Fill the survey (form, portal or workbook): the profesor jefe for their
# course (record rules), the team for any course.
FILL_ROLES = (HEAD_TEACHER, CONVIVENCIA, PSYCHOLOGIST, DIRECTOR)
# Reopen a closed month.
REOPEN_ROLES = (DIRECTOR,)


def check_protected(records, vals_list, protected):
    """Refuse ``vals_list`` (create or write values) when they set any of the
    ``protected`` fields outside the superuser environment: only the addon's
    own methods write them, with sudo() after checking their caller."""
    if records.env.su:
        return
    touched = sorted({name for vals in vals_list for name in vals} & protected)
    if touched:
        raise AccessError(
            records.env._(
                "%(model)s: the fields %(fields)s are set only by the survey's own "
                "steps (opening, closing, importing).",
                model=records._description,
                fields=", ".join(touched),
            )
        )


def grade_rank(course):
    """A grade level as one number: 1–8 básica, 9–12 media (I°–IV° medio),
    0 otherwise, so that "7° básico and up" is ``rank >= 7``."""
    if course.school_level == "basica":
        return course.sige_grade_code or 0
    if course.school_level == "media":
        return 8 + (course.sige_grade_code or 0)
    return 0
