# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Builds a fictitious school modelled on seed 003 (Colegio San Ignacio de
Talca, Reglamento Interno 2025, RI III.1–III.2): three annexes, básica 1°–6°
and media 7°–IV°, full-day shift. People are invented; RUNs are valid but
generated. The same code makes the small demo school (demo data) and the
2,000-student school the benchmarks use (tests/bench/generate_school.py).
"""

import datetime
import logging
import random

from stdnum.cl import rut as cl_rut

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

FIRST_NAMES_F = [
    "Sofía",
    "Isidora",
    "Agustina",
    "Florencia",
    "Josefa",
    "Emilia",
    "Martina",
    "Catalina",
    "Antonella",
    "Trinidad",
    "Maite",
    "Amanda",
    "Javiera",
    "Fernanda",
    "Constanza",
    "Valentina",
    "Francisca",
    "Renata",
    "Colomba",
    "Ignacia",
]
FIRST_NAMES_M = [
    "Mateo",
    "Agustín",
    "Benjamín",
    "Vicente",
    "Tomás",
    "Joaquín",
    "Maximiliano",
    "Lucas",
    "Cristóbal",
    "Martín",
    "Gaspar",
    "Bastián",
    "Matías",
    "Felipe",
    "Diego",
    "Sebastián",
    "Nicolás",
    "Ignacio",
    "Alonso",
    "Emiliano",
]
SURNAMES = [
    "González",
    "Muñoz",
    "Rojas",
    "Díaz",
    "Pérez",
    "Soto",
    "Contreras",
    "Silva",
    "Martínez",
    "Sepúlveda",
    "Morales",
    "Rodríguez",
    "López",
    "Araya",
    "Fuentes",
    "Hernández",
    "Torres",
    "Espinoza",
    "Flores",
    "Castillo",
    "Valenzuela",
    "Ramírez",
    "Reyes",
    "Gutiérrez",
    "Castro",
    "Vargas",
    "Álvarez",
    "Vásquez",
    "Tapia",
    "Fernández",
    "Sánchez",
    "Carrasco",
    "Gómez",
    "Cortés",
    "Herrera",
    "Núñez",
    "Jara",
    "Vergara",
    "Rivera",
    "Figueroa",
    "Riquelme",
    "Bravo",
]

# RI III.1 (seed 003): the three annexes and the levels each one teaches.
ANNEXES = [
    ("central", "Anexo Central", "3 Norte 490, Talca", "7° básico a IV° medio", 653),
    ("poniente", "Anexo Poniente", "4 Poniente 1431, Talca", "1° a 6° básico", 591),
    ("oriente", "Anexo Oriente", "5 Norte con 31 Oriente s/n, Talca", "1° básico a IV° medio", 920),
]
# Grade levels: (key, name, level, SIGE teaching code, SIGE grade code).
LEVELS = [("b%d" % g, "%d° básico" % g, "basica", "110", g) for g in range(1, 9)] + [
    ("m%d" % g, "%s° medio" % r, "media", "310", g)
    for g, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
]
ROLE_USERS = [
    # login, name, groups (xml ids)
    ("secretaria", "Paula Secretaría Demo", ["school_base.school_base_group_secretary"]),
    ("docente", "Daniel Docente Demo", ["school_base.school_base_group_teacher"]),
    ("jefe", "Julia Profesora Jefe Demo", ["school_base.school_base_group_head_teacher"]),
    ("inspector", "Iván Inspector General Demo", ["school_base.school_base_group_inspector"]),
    ("convivencia", "Carla Convivencia Demo", ["school_base.school_base_group_convivencia"]),
    ("psicologia", "Pedro Psicólogo Demo", ["school_base.school_base_group_psychologist"]),
    ("social", "Sara Asistente Social Demo", ["school_base.school_base_group_social_worker"]),
    ("director", "Diego Director Demo", ["school_base.school_base_group_director"]),
    ("sostenedor", "Sonia Sostenedora Demo", ["school_base.school_base_group_sostenedor"]),
]


def make_run(number):
    """A valid RUN in stored form for an 8-digit body."""
    body = str(number)
    return "%s-%s" % (body, cl_rut.calc_check_digit(body))


class SchoolDemoBuilder(models.AbstractModel):
    _name = "school.demo.builder"
    _description = "Demo School Builder"

    # ------------------------------------------------------------- entry --
    @api.model
    def _build_demo_school(self):
        """Demo data: about 6 courses of 30 students, one user per role."""
        batches = [
            ("b1", "A", "poniente"),
            ("b4", "A", "poniente"),
            ("b6", "B", "oriente"),
            ("b8", "A", "central"),
            ("m2", "A", "central"),
            ("m4", "A", "oriente"),
        ]
        school = self._build_school(
            name="Colegio San Ignacio de Talca",
            rbd="2963",
            batches=batches,
            students_per_batch=30,
            run_offset=0,
            role_users=True,
        )
        # Demo logins work from the sostenedor's main company too. The
        # administrator holds the sostenedor's role: every school menu.
        self.env.ref("base.user_admin").write(
            {
                "company_ids": [Command.link(school.id)],
                "groups_id": [
                    Command.link(self.env.ref("school_base.school_base_group_sostenedor").id)
                ],
                "tz": self.env["school.calendar"].school_tz(school).zone,
            }
        )
        # The portal's frame bears the school's name ("Page | school").
        self.env["website"].search([("company_id", "=", school.parent_id.id)]).name = school.name
        self._demo_set_apart_openeducat()
        return school

    @api.model
    def _demo_set_apart_openeducat(self):
        """OpenEduCat's own demo records (students, teachers, apoderados,
        courses of a US college) move to a company of their own, outside the
        sostenedor: the demo school stands alone. They stay active, so
        OpenEduCat's tests still find them."""
        data = self.env["ir.model.data"].sudo()
        models_ = ("op.student", "op.faculty", "op.parent", "op.course", "op.batch")
        rows = data.search(
            [("module", "in", ("openeducat_core", "openeducat_parent")), ("model", "in", models_)]
        )
        if not rows:
            return
        ids_by_model = {}
        for row in rows:
            ids_by_model.setdefault(row.model, []).append(row.res_id)
        company = self.env["res.company"].create(
            {"name": "OpenEduCat (demo)", "country_id": self.env.ref("base.us").id}
        )
        env = self.env
        partners = (
            env["op.student"].browse(ids_by_model.get("op.student", [])).exists().partner_id
            | env["op.faculty"].browse(ids_by_model.get("op.faculty", [])).exists().partner_id
            | env["op.parent"].browse(ids_by_model.get("op.parent", [])).exists().name
        )
        # Their users (OpenEduCat's demo logins) work in that company.
        partners.user_ids.write(
            {"company_ids": [Command.link(company.id)], "company_id": company.id}
        )
        partners.write({"company_id": company.id})
        for model in ("op.course", "op.batch"):
            env[model].browse(ids_by_model.get(model, [])).exists().write(
                {"company_id": company.id}
            )

    @api.model
    def _build_big_school(self, students=2000, courses=45, rbd="2964"):
        """The benchmark school: ``students`` students in ``courses`` courses
        spread over the 12 levels, with apoderados and teachers."""
        letters = "ABCDEFGH"
        per_level = [courses // len(LEVELS)] * len(LEVELS)
        for i in range(courses % len(LEVELS)):
            per_level[i] += 1
        annex_keys = [a[0] for a in ANNEXES]
        batches = []
        for (key, _name, level, _code, _grade), count in zip(LEVELS, per_level, strict=True):
            for i in range(count):
                annex = annex_keys[(len(batches)) % 3]
                if level == "basica" and annex == "central" and key not in ("b7", "b8"):
                    annex = "poniente"
                batches.append((key, letters[i], annex))
        return self._build_school(
            name="Colegio Benchmark %s" % rbd,
            rbd=rbd,
            batches=batches,
            students_per_batch=-(-students // courses),
            total_students=students,
            run_offset=3_000_000,
            role_users=False,
        )

    # ------------------------------------------------------------ builder --
    @api.model
    def _build_school(
        self,
        name,
        rbd,
        batches,
        students_per_batch,
        run_offset=0,
        role_users=False,
        total_students=None,
    ):
        rng = random.Random(rbd)
        env = self.env(
            context=dict(
                self.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        self = self.with_env(env)
        sostenedor = self._demo_sostenedor()
        school = env["res.company"].create(
            {
                "name": name,
                "parent_id": sostenedor.id,
                "school_rbd": rbd,
                "school_rbd_dv": cl_rut.calc_check_digit(rbd),
                "school_dependency": "subsidized",
                "country_id": env.ref("base.cl").id,
                "city": "Talca",
                "street": "3 Norte 490",
                "phone": "+56 71 222 0000",
                "email": "contacto@demo.colegio.cl",
                "school_holiday_subdivision": "ML",
                "school_annex_ids": [
                    Command.create(
                        {
                            "name": aname,
                            "street": street,
                            "level_description": levels,
                            "max_capacity": capacity,
                            "sequence": seq,
                        }
                    )
                    for seq, (_key, aname, street, levels, capacity) in enumerate(ANNEXES)
                ],
            }
        )
        # The school's own time zone (Talca), that of its users too.
        school.partner_id.tz = "America/Santiago"
        tz = school.partner_id.tz
        annex_by_key = dict(zip([a[0] for a in ANNEXES], school.school_annex_ids, strict=True))
        env.user.company_ids = [Command.link(school.id)]
        self = self.with_company(school)
        env = self.env

        year = fields.Date.context_today(self).year
        start, end = datetime.date(year, 3, 2), datetime.date(year, 12, 18)
        env["school.calendar.day"].create(
            [
                {
                    "name": "Jornada de reflexión",
                    "date": datetime.date(year, 4, 30),
                    "day_type": "non_academic",
                    "company_id": school.id,
                },
                {
                    "name": "Recuperación clases",
                    "date": datetime.date(year, 5, 16),
                    "day_type": "recovery",
                    "company_id": school.id,
                },
            ]
        )

        used_levels = [lv for lv in LEVELS if lv[0] in {b[0] for b in batches}]
        courses = env["op.course"].create(
            [
                {
                    "name": lname,
                    "code": "%s-%s" % (rbd, key),
                    "school_level": level,
                    "sige_teaching_code": code,
                    "sige_grade_code": grade,
                    "company_id": school.id,
                }
                for key, lname, level, code, grade in used_levels
            ]
        )
        course_by_key = dict(zip([lv[0] for lv in used_levels], courses, strict=True))
        level_name = {lv[0]: lv[1] for lv in LEVELS}

        # Teachers: one head teacher per course, plus a few subject teachers.
        n_teachers = len(batches) + max(2, len(batches) // 3)
        teacher_vals = []
        for i in range(n_teachers):
            gender = "f" if i % 2 else "m"
            first = (FIRST_NAMES_F if gender == "f" else FIRST_NAMES_M)[i % 20]
            last = "%s %s" % (SURNAMES[i % len(SURNAMES)], SURNAMES[(i * 7 + 3) % len(SURNAMES)])
            teacher_vals.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "name": "%s %s" % (first, last),
                    "gender": "female" if gender == "f" else "male",
                    "birth_date": datetime.date(1975 + i % 20, 1 + i % 12, 1 + i % 28),
                    "school_id_number": make_run(12_000_000 + run_offset + i * 11),
                    "email": "docente%d.%s@demo.colegio.cl" % (i + 1, rbd),
                    "company_id": school.id,
                }
            )
        teachers = env["op.faculty"].create(teacher_vals)

        schedules = self._demo_schedules(school, annex_by_key)
        batch_recs = env["op.batch"].create(
            [
                {
                    "name": "%s %s" % (level_name[key], letter),
                    "code": "%s-%s%s-%d" % (rbd, key, letter, year),
                    "course_id": course_by_key[key].id,
                    "start_date": start,
                    "end_date": end,
                    "sige_letter": letter,
                    "school_shift": "full",
                    "school_annex_id": annex_by_key[annex].id,
                    # RI III.2.1: básica is 1°–6°, media is 7° básico–IV° medio.
                    "school_schedule_id": schedules[
                        "basica" if key in ("b1", "b2", "b3", "b4", "b5", "b6") else "media"
                    ].id,
                    "head_teacher_id": teachers[i].id,
                    "faculty_ids": [
                        Command.set(
                            [
                                teachers[i].id,
                                teachers[len(batches) + i % (n_teachers - len(batches))].id,
                            ]
                        )
                    ],
                    "company_id": school.id,
                }
                for i, (key, letter, annex) in enumerate(batches)
            ]
        )

        # Teachers log in (backend and portal on a phone): internal users.
        teacher_group = env.ref("school_base.school_base_group_teacher")
        head_group = env.ref("school_base.school_base_group_head_teacher")
        teacher_users = env["res.users"].create(
            [
                {
                    # No password: hashing one costs ~0.35 s (pbkdf2); the demo
                    # logins of the README get theirs in _demo_role_users.
                    "login": t.email,
                    "partner_id": t.partner_id.id,
                    "tz": tz,
                    "company_id": school.id,
                    "company_ids": [Command.set([school.id])],
                    "groups_id": [
                        Command.set([(head_group if i < len(batches) else teacher_group).id])
                    ],
                }
                for i, t in enumerate(teachers)
            ]
        )
        employees = env["hr.employee"].create(
            [
                {"name": u.name, "user_id": u.id, "work_email": u.login, "company_id": school.id}
                for u in teacher_users
            ]
        )
        for teacher, employee in zip(teachers, employees, strict=True):
            teacher.emp_id = employee

        # Students and their apoderados, course by course.
        relationship = env.ref("school_base.op_parent_relationship_mother")
        guardian_group = env.ref("school_base.school_base_group_guardian")
        remaining = (
            total_students if total_students is not None else students_per_batch * len(batches)
        )
        serial = 0
        for batch in batch_recs:
            size = min(students_per_batch, remaining)
            remaining -= size
            if size <= 0:
                break
            grade_age = self._demo_age(batch.course_id)
            parent_partners = env["res.partner"].create(
                [
                    self._demo_person(
                        rng,
                        10_000_000 + run_offset + (serial + k) * 13,
                        "f" if k % 3 else "m",
                        school,
                        "apoderado",
                    )
                    for k in range(size)
                ]
            )
            env["res.users"].create(
                [
                    {
                        "login": p.email,
                        "partner_id": p.id,
                        "tz": tz,
                        "company_id": school.id,
                        "company_ids": [Command.set([school.id])],
                        "groups_id": [Command.set([guardian_group.id])],
                    }
                    for p in parent_partners
                ]
            )
            parents = env["op.parent"].create(
                [{"name": p.id, "relationship_id": relationship.id} for p in parent_partners]
            )
            students_vals = []
            for k in range(size):
                gender = "f" if rng.random() < 0.5 else "m"
                vals = self._demo_person(
                    rng, 22_000_000 + run_offset + (serial + k) * 17, gender, school, "estudiante"
                )
                vals.update(
                    {
                        "gender": gender,
                        "birth_date": datetime.date(year - grade_age, 1 + k % 12, 1 + k % 28),
                        "parent_ids": [Command.set([parents[k].id])],
                        "course_detail_ids": [
                            Command.create(
                                {
                                    "course_id": batch.course_id.id,
                                    "batch_id": batch.id,
                                    "roll_number": str(k + 1),
                                    "state": "running",
                                }
                            )
                        ],
                    }
                )
                students_vals.append(vals)
            env["op.student"].create(students_vals)
            serial += size

        if role_users:
            self._demo_role_users(
                school,
                batch_recs,
                teachers,
                parents=env["op.parent"].search(
                    [("name.company_id", "=", school.id)], limit=1, order="id"
                ),
            )
        _logger.info("school demo builder: %s built (%d courses)", school.name, len(batch_recs))
        return school

    # ------------------------------------------------------------ helpers --
    @api.model
    def _demo_schedules(self, school, annex_by_key):
        """Seed 003, RI III.2.1–2.3: mornings 08:00–13:00 Monday to Friday;
        afternoons 15:00–18:15 (básica Monday–Tuesday, media Monday, Tuesday
        and Thursday); breaks 09:30–09:45, 11:15–11:30 and 16:30–16:45; lunch
        at home 13:00–15:00 on days with afternoon classes."""
        plans = {
            "basica": ("Enseñanza básica (1° a 6°)", ("poniente", "oriente"), ("0", "1")),
            "media": ("Enseñanza media (7° a IV°)", ("central", "oriente"), ("0", "1", "3")),
        }
        vals_list = []
        for seq, (name, annexes, afternoons) in enumerate(plans.values()):
            slots = []
            for day in ("0", "1", "2", "3", "4"):
                slots += [
                    (day, "session", 8.0, 13.0),
                    (day, "recess", 9.5, 9.75),
                    (day, "recess", 11.25, 11.5),
                ]
                if day in afternoons:
                    slots += [
                        (day, "lunch", 13.0, 15.0),
                        (day, "session", 15.0, 18.25),
                        (day, "recess", 16.5, 16.75),
                    ]
            vals_list.append(
                {
                    "name": name,
                    "sequence": seq,
                    "company_id": school.id,
                    "annex_ids": [Command.set([annex_by_key[a].id for a in annexes])],
                    "slot_ids": [
                        Command.create(
                            {"weekday": day, "slot_type": kind, "start": start, "end": end}
                        )
                        for day, kind, start, end in slots
                    ],
                }
            )
        schedules = self.env["school.schedule"].create(vals_list)
        return dict(zip(plans, schedules, strict=True))

    @api.model
    def _demo_sostenedor(self):
        main = self.env.ref("base.main_company")
        if not main.school_is_sostenedor:
            main.write(
                {
                    "name": "Fundación Educacional Colegio San Ignacio de Talca",
                    "school_is_sostenedor": True,
                    "country_id": self.env.ref("base.cl").id,
                    "street": "3 Norte 490",
                    "street2": False,
                    "city": "Talca",
                    "zip": "3460000",
                    "state_id": False,
                    "phone": "+56 71 222 0000",
                    "email": "contacto@demo.colegio.cl",
                    # Not OpenEduCat's logo (its demo data sets it): the
                    # portal's header then shows the school's name.
                    "logo": False,
                }
            )
        return main

    @api.model
    def _demo_age(self, course):
        offset = 0 if course.school_level == "basica" else 8
        return 5 + offset + course.sige_grade_code

    @api.model
    def _demo_person(self, rng, run_number, gender, school, kind):
        first = rng.choice(FIRST_NAMES_F if gender == "f" else FIRST_NAMES_M)
        last = "%s %s" % (rng.choice(SURNAMES), rng.choice(SURNAMES))
        vals = {
            "name": "%s %s" % (first, last),
            "school_id_number": make_run(run_number),
            "email": "%s.%d.%s@demo.colegio.cl" % (kind, run_number, school.school_rbd),
            "company_id": school.id,
        }
        if kind == "estudiante":
            vals.update(first_name=first, last_name=last)
        return vals

    @api.model
    def _demo_role_users(self, school, batches, teachers, parents):
        """One user per school role, login = password (README)."""
        users = self.env["res.users"]
        # Spanish (Chile) when the database has it (./school run loads it).
        installed = dict(self.env["res.lang"].get_installed())
        lang = "es_CL" if "es_CL" in installed else self.env.lang or "en_US"
        vals_list = []
        for login, name, groups in ROLE_USERS:
            vals_list.append(
                {
                    "login": login,
                    "password": login,
                    "name": name,
                    "lang": lang,
                    "tz": self.env["school.calendar"].school_tz(school).zone,
                    "company_id": school.id,
                    "company_ids": [
                        Command.set(
                            [school.id] + ([school.parent_id.id] if login == "sostenedor" else [])
                        )
                    ],
                    "groups_id": [Command.set([self.env.ref(g).id for g in groups])],
                }
            )
        created = users.create(vals_list)
        by_login = {u.login: u for u in created}
        # The demo teacher teaches the first two courses; the demo head
        # teacher leads the first one.
        teacher = self.env["op.faculty"].create(
            [
                {
                    "first_name": "Daniel",
                    "last_name": "Docente Demo",
                    "name": "Daniel Docente Demo",
                    "gender": "male",
                    "birth_date": datetime.date(1985, 5, 5),
                    "partner_id": by_login["docente"].partner_id.id,
                    "school_id_number": make_run(15_111_111),
                },
                {
                    "first_name": "Julia",
                    "last_name": "Profesora Jefe Demo",
                    "name": "Julia Profesora Jefe Demo",
                    "gender": "female",
                    "birth_date": datetime.date(1980, 8, 8),
                    "partner_id": by_login["jefe"].partner_id.id,
                    "school_id_number": make_run(14_222_222),
                },
            ]
        )
        batches[0].head_teacher_id = teacher[1]
        batches[:2].faculty_ids = [Command.link(teacher[0].id)]
        # The demo apoderado is the guardian of the first student.
        guardian_user = parents.name.user_ids[:1]
        if guardian_user:
            guardian_user.write(
                {
                    "login": "apoderado",
                    "password": "apoderado",
                    "lang": lang,
                    "tz": self.env["school.calendar"].school_tz(school).zone,
                }
            )
