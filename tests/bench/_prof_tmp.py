import cProfile, pstats, sys, datetime, random
from bench_common import open_registry
import odoo
from wellbeing_bench import fill
own, registry = open_registry(sys.argv[1:])
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    school = env["res.company"].search([("school_rbd", "=", own.rbd)])
    today = env["school.calendar"].school_today(school)
    month = today.replace(day=1)
    campaign = env["school.wellbeing.campaign"].create({"name": "B", "date_start": month, "date_open": month, "date_close": month + datetime.timedelta(days=27), "company_id": school.id})
    campaign.action_open()
    qs = env["school.wellbeing.question"].search([])
    names = {q.code: {o.code: o.name for o in q.option_ids} for q in qs if q.code in ("participation", "emotions")}
    rng = random.Random(1)
    files = [(s, fill(s._workbook_bytes(), s._roster(), names, rng)) for s in campaign.sheet_ids]
    p = cProfile.Profile(); p.enable()
    for s, c in files:
        s._import_workbook(c)
    env.flush_all()
    p.disable()
    st = pstats.Stats(p); st.sort_stats("cumulative").print_stats("school_wellbeing|fields.py:.*write_real|models.py.*_create|modified|_validate|_check", 30)
    cr.rollback()
