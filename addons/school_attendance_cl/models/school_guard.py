# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what in the class book: the roles the models check.

RPC is a public API: any logged-in user can call any public method of a
record they can read. The models are the boundary: every public method
that writes checks its caller first, then writes; the fields that carry a
decision (states, signatures, approvals, numbering) are written only by the
addon's own methods, under sudo() after their check. The overrides of
create() and write() refuse them otherwise (``check_protected``).
"""

from odoo.exceptions import AccessError

TEACHER = "school_base.school_base_group_teacher"
SECRETARY = "school_base.school_base_group_secretary"
INSPECTOR = "school_base.school_base_group_inspector"
DIRECTOR = "school_base.school_base_group_director"
GUARDIAN = "school_base.school_base_group_guardian"
APPROVER = "school_attendance_cl.group_attendance_approver"


def check_protected(records, vals_list, protected):
    """Refuse ``vals_list`` (create or write values) when they set any of
    the ``protected`` fields, unless the environment is the superuser's:
    the addon's own methods write those fields with sudo() after checking
    their caller; RPC callers cannot obtain it."""
    if records.env.su:
        return
    touched = sorted({name for vals in vals_list for name in vals} & protected)
    if touched:
        raise AccessError(
            records.env._(
                "%(model)s: the fields %(fields)s are set only by the school's own "
                "steps (signing, approving, deciding, numbering).",
                model=records._description,
                fields=", ".join(touched),
            )
        )


# PostgreSQL's integer (ids, blocks, minutes): a bigger number in a URL or an
# RPC argument would fail in SQL (a 500) instead of being refused.
DB_INT_MAX = 2**31 - 1


def to_db_int(value):
    """``value`` as an integer that fits the database's integer columns;
    ValueError (or TypeError) otherwise."""
    number = int(value)
    if not -DB_INT_MAX <= number <= DB_INT_MAX:
        raise ValueError("out of range: %s" % value)
    return number
