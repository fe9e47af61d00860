# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what in convivencia: the roles each public action checks first.

Record rules and access rights still decide which records a role reaches;
these sets decide which roles may act at all (the model is the boundary:
any logged-in user can call a public method over RPC). The role names and
the roles that cite apoderados are school_base's (its citation model).
"""

from odoo.addons.school_base.models.school_roles import (  # noqa: F401
    CITATION_ROLES,
    CONVIVENCIA,
    DIRECTOR,
    HEAD_TEACHER,
    INSPECTOR,
    PSYCHOLOGIST,
    SECRETARY,
    SOCIAL_WORKER,
    TEACHER,
)

# Record entries in the hoja de vida / ficha (teachers for their courses).
ENTRY_ROLES = (TEACHER, INSPECTOR, CONVIVENCIA, PSYCHOLOGIST, DIRECTOR)
# Work on case files: support measures, submissions received in writing,
# receipts confirmed by phone, steps without a responsible role.
CASE_ROLES = (INSPECTOR, CONVIVENCIA, PSYCHOLOGIST, SOCIAL_WORKER, DIRECTOR)
# Run due process: the voluntary waiver, the decision (sanction, days, TEA
# assessment, broken condicionalidad, grounds).
DUE_PROCESS_ROLES = (INSPECTOR, CONVIVENCIA, DIRECTOR)
# Ley 21.128 / MC 8.3: precautionary suspension and broken condicionalidad.
DIRECTOR_ROLES = (DIRECTOR,)
