# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what in the scholarship process: the roles the models check.

Applications carry a family's income, health and housing: only the
commission, the scholarship administration and the sostenedor read them;
an apoderado reads their own (seed 003 RI III.9 Art. 10 L595-597, Art. 15
L629). Every public method checks its caller first; the fields that carry a
decision (states, scores, awards, receipts) are written only by the addon's
own methods under sudo() after that check (``check_protected``).
"""

from odoo.exceptions import AccessError

COMMISSION = "school_scholarships.group_scholarship_commission"
ADMIN = "school_scholarships.group_scholarship_admin"
SOSTENEDOR = "school_base.school_base_group_sostenedor"
GUARDIAN = "school_base.school_base_group_guardian"
# Who reads and keeps applications in the backend.
BACKOFFICE = (COMMISSION, ADMIN, SOSTENEDOR)


def check_protected(records, vals_list, protected):
    """Refuse create/write values that set any ``protected`` field unless
    the environment is the superuser's (the addon's own methods)."""
    if records.env.su:
        return
    touched = sorted({name for vals in vals_list for name in vals} & protected)
    if touched:
        raise AccessError(
            records.env._(
                "%(model)s: the fields %(fields)s are set only by the steps of the "
                "scholarship process.",
                model=records._description,
                fields=", ".join(touched),
            )
        )


def require(env, *groups, message=None):
    """AccessError unless the current user holds one of ``groups``."""
    env["res.users"]._school_require_role(*groups, message=message)


def has(env, *groups):
    return env["res.users"]._school_has_role(*groups)
