# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The school roles (school_base_groups.xml) the suite's public methods check.

Record rules and access rights still decide which records a role reaches;
these names and sets decide which roles may act at all (the model is the
boundary: any logged-in user can call a public method over RPC).
"""

TEACHER = "school_base.school_base_group_teacher"
HEAD_TEACHER = "school_base.school_base_group_head_teacher"
SECRETARY = "school_base.school_base_group_secretary"
INSPECTOR = "school_base.school_base_group_inspector"
CONVIVENCIA = "school_base.school_base_group_convivencia"
PSYCHOLOGIST = "school_base.school_base_group_psychologist"
SOCIAL_WORKER = "school_base.school_base_group_social_worker"
DIRECTOR = "school_base.school_base_group_director"

# Cite the apoderado and record the interview (teachers for their courses).
CITATION_ROLES = (TEACHER, INSPECTOR, CONVIVENCIA, PSYCHOLOGIST, DIRECTOR)


def notice_author(env, company):
    """Who signs a notice to the apoderado: the user, or the school when the
    user has no e-mail address (mail refuses a sender without one)."""
    if env.user.partner_id.email:
        return env.user.partner_id
    if company.partner_id.email:
        return company.partner_id
    return env.ref("base.partner_root")
