# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what in convivencia: the roles each public action checks first.

Record rules and access rights still decide which records a role reaches;
these sets decide which roles may act at all (the model is the boundary:
any logged-in user can call a public method over RPC).
"""

TEACHER = "school_base.school_base_group_teacher"
HEAD_TEACHER = "school_base.school_base_group_head_teacher"
SECRETARY = "school_base.school_base_group_secretary"
INSPECTOR = "school_base.school_base_group_inspector"
CONVIVENCIA = "school_base.school_base_group_convivencia"
PSYCHOLOGIST = "school_base.school_base_group_psychologist"
SOCIAL_WORKER = "school_base.school_base_group_social_worker"
DIRECTOR = "school_base.school_base_group_director"

# Record entries in the hoja de vida / ficha (teachers for their courses).
ENTRY_ROLES = (TEACHER, INSPECTOR, CONVIVENCIA, PSYCHOLOGIST, DIRECTOR)
# Cite the apoderado and record the interview (teachers for their courses).
CITATION_ROLES = (TEACHER, INSPECTOR, CONVIVENCIA, PSYCHOLOGIST, DIRECTOR)
# Work on case files: support measures, submissions received in writing,
# receipts confirmed by phone, steps without a responsible role.
CASE_ROLES = (INSPECTOR, CONVIVENCIA, PSYCHOLOGIST, SOCIAL_WORKER, DIRECTOR)
# Run due process: the voluntary waiver, the decision (sanction, days, TEA
# assessment, broken condicionalidad, grounds).
DUE_PROCESS_ROLES = (INSPECTOR, CONVIVENCIA, DIRECTOR)
# Ley 21.128 / MC 8.3: precautionary suspension and broken condicionalidad.
DIRECTOR_ROLES = (DIRECTOR,)
