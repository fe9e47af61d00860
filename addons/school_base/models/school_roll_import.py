# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of the roll (nómina de matrícula) from a CSV or XLSX file.

Flow: the secretary uploads the file, ``action_validate`` reads and checks
every row and writes nothing but its report, ``action_import`` checks again
and applies the whole file in one transaction (all or nothing). Files over
``_school_inline_rows`` rows run as a one-shot job (the cron
``school_roll_import_cron``, triggered at once), which tells the requester
how far it is with bus notifications.

Matching is on the identity document (RUN or DNI) within the school: a
second run of the same file finds every student, apoderado and enrolment
already there and writes nothing.
"""

import base64
import logging
from collections import defaultdict

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize

from ..tools.roll_file import (
    RollFileError,
    compact_label,
    normalize_label,
    parse_date,
    read_rows,
    write_template,
)

_logger = logging.getLogger(__name__)

ROLL_KEEPERS = (
    "school_base.school_base_group_secretary",
    "school_base.school_base_group_director",
    "school_base.school_base_group_sostenedor",
)

# The file's columns: (key, header of the template, other headers accepted,
# compared without case or accents). The headers are the file's contract
# with Secretaría, in Spanish whatever the user's language.
COLUMNS = [
    (
        "id_number",
        "RUN",
        ("rut", "dni", "run/dni", "run o dni", "run estudiante", "rut estudiante", "documento"),
    ),
    ("id_type", "Tipo de documento", ("tipo documento", "tipo de identificacion")),
    ("first_names", "Nombres", ("nombre", "nombres estudiante")),
    ("last_name_1", "Apellido paterno", ("primer apellido", "apellido 1")),
    ("last_name_2", "Apellido materno", ("segundo apellido", "apellido 2")),
    ("birth_date", "Fecha de nacimiento", ("fecha nacimiento", "nacimiento")),
    ("gender", "Género", ("sexo",)),
    ("course", "Curso", ("codigo curso", "codigo del curso")),
    ("guardian_id_number", "RUN apoderado", ("rut apoderado", "dni apoderado")),
    ("guardian_name", "Nombre apoderado", ("nombre del apoderado", "apoderado")),
    ("guardian_relationship", "Parentesco apoderado", ("parentesco",)),
    ("guardian_email", "Email apoderado", ("correo apoderado", "e-mail apoderado")),
    ("guardian_phone", "Teléfono apoderado", ("celular apoderado", "fono apoderado")),
    ("enrolment_date", "Fecha de matrícula", ("fecha matricula",)),
]
HEADERS = {key: header for key, header, _aliases in COLUMNS}
REQUIRED_COLUMNS = ("id_number", "first_names", "last_name_1", "course")
GUARDIAN_KEYS = (
    "guardian_id_number",
    "guardian_name",
    "guardian_relationship",
    "guardian_email",
    "guardian_phone",
)
GENDERS = {
    "f": "f",
    "femenino": "f",
    "femenina": "f",
    "mujer": "f",
    "m": "m",
    "masculino": "m",
    "hombre": "m",
    "h": "m",
    "o": "o",
    "otro": "o",
    "x": "o",
    "no binario": "o",
}
ID_TYPES = {"run": "cl_run", "rut": "cl_run", "dni": "pe_dni", "cui": "pe_dni"}
MAX_ROWS = 20000
# Rows written between two progress notifications of a background import.
CHUNK = 200


class SchoolRollImport(models.Model):
    _name = "school.roll.import"
    _description = "Roll Import"
    _order = "id desc"
    _check_company_auto = True

    # Set only by the import's own steps (after their caller check).
    _school_protected_fields = frozenset(
        {
            "state",
            "user_id",
            "row_count",
            "student_created",
            "student_updated",
            "student_unchanged",
            "guardian_created",
            "enrolment_created",
            "enrolment_moved",
            "error_ids",
            "failure_message",
            "date_done",
            "ignored_columns",
        }
    )
    # Files up to this many rows import within the request; longer ones as
    # a background job with progress notifications.
    _school_inline_rows = 300

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    file = fields.Binary(string="Roll File", attachment=True, copy=False)
    file_name = fields.Char()
    school_year = fields.Integer(
        required=True,
        default=lambda self: self._default_school_year(),
        help="Courses are looked up among those starting in this year.",
    )
    default_relationship_id = fields.Many2one(
        "op.parent.relationship",
        string="Default Relationship",
        required=True,
        default=lambda self: self.env.ref(
            "school_base.op_parent_relationship_guardian", raise_if_not_found=False
        ),
        help="Relationship of a new apoderado whose row leaves it blank.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("error", "Errors Found"),
            ("validated", "Ready to Import"),
            ("importing", "Importing"),
            ("done", "Imported"),
            ("failed", "Failed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users", string="Requested By", readonly=True, copy=False, index=True
    )
    date_done = fields.Datetime(string="Imported On", readonly=True, copy=False)
    row_count = fields.Integer(string="Rows", readonly=True, copy=False)
    student_created = fields.Integer(string="New Students", readonly=True, copy=False)
    student_updated = fields.Integer(string="Updated Students", readonly=True, copy=False)
    student_unchanged = fields.Integer(string="Unchanged Students", readonly=True, copy=False)
    guardian_created = fields.Integer(string="New Apoderados", readonly=True, copy=False)
    enrolment_created = fields.Integer(string="New Enrolments", readonly=True, copy=False)
    enrolment_moved = fields.Integer(
        string="Course Changes",
        readonly=True,
        copy=False,
        help="Enrolments of the same school year moved to the course the file gives.",
    )
    error_ids = fields.One2many(
        "school.roll.import.error", "import_id", string="Errors", readonly=True, copy=False
    )
    error_count = fields.Integer(compute="_compute_error_count")
    failure_message = fields.Text(readonly=True, copy=False)
    ignored_columns = fields.Char(
        readonly=True,
        copy=False,
        help="Columns of the file the import does not read: check their names "
        "against the template.",
    )
    template_file = fields.Binary(
        string="Template", compute="_compute_template_file", attachment=False
    )

    def _default_school_year(self):
        return self.env["school.calendar"].school_today(self.env.company).year

    @api.depends("file_name")
    def _compute_name(self):
        for record in self:
            record.name = record.file_name or self.env._("Roll import")

    @api.depends("error_ids")
    def _compute_error_count(self):
        for record in self:
            record.error_count = len(record.error_ids)

    def _compute_template_file(self):
        content = base64.b64encode(self._school_template_content())
        for record in self:
            record.template_file = content

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._school_check_protected(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._school_check_protected([vals])
        if not self.env.su and {"file", "school_year", "company_id"} & set(vals):
            if any(r.state in ("importing", "done", "failed") for r in self):
                raise UserError(
                    self.env._("An import that has started cannot be given another file.")
                )
            # A new file (or year) must be validated again.
            result = super().write(vals)
            self.sudo()._school_reset()
            return result
        return super().write(vals)

    def _school_check_protected(self, vals_list):
        if self.env.su:
            return
        names = {name for vals in vals_list for name in vals}
        touched = sorted(names & self._school_protected_fields)
        if touched:
            raise AccessError(
                self.env._(
                    "%(model)s: the fields %(fields)s are set only by the import itself.",
                    model=self._description,
                    fields=", ".join(touched),
                )
            )

    def _school_reset(self):
        self.error_ids.unlink()
        self.write(
            {
                "state": "draft",
                "failure_message": False,
                "ignored_columns": False,
                "row_count": 0,
                "student_created": 0,
                "student_updated": 0,
                "student_unchanged": 0,
                "guardian_created": 0,
                "enrolment_created": 0,
                "enrolment_moved": 0,
            }
        )

    # --------------------------------------------------------------- actions
    def _school_check_caller(self):
        self.env["res.users"]._school_require_role(
            *ROLL_KEEPERS,
            message=self.env._("Only Secretaría, the Director or the sostenedor import the roll."),
        )
        self.check_access("write")

    def action_download_template(self):
        self.ensure_one()
        self._school_check_caller()
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s/%s/template_file/%s?download=true"
            % (self._name, self.id, "plantilla_nomina.xlsx"),
            "target": "self",
        }

    def action_validate(self):
        """Check every row; write nothing but this import's report."""
        self.ensure_one()
        self._school_check_caller()
        self._school_check_state()
        plan = self._school_plan()
        # sudo: the report fields are the import's own (caller checked above).
        self.sudo()._school_store_plan(plan)
        return True

    def action_import(self):
        """Check every row again, then import them all or none."""
        self.ensure_one()
        self._school_check_caller()
        self._school_check_state()
        plan = self._school_plan()
        # sudo: the report fields are the import's own (caller checked above).
        self_sudo = self.sudo()
        self_sudo._school_store_plan(plan)
        if plan["errors"]:
            return True
        self_sudo.user_id = self.env.user
        if len(plan["rows"]) > self._school_inline_rows:
            self_sudo.state = "importing"
            self.env.ref("school_base.school_roll_import_cron")._trigger()
            return True
        self._school_run(plan)
        return True

    def _school_check_state(self):
        if self.state not in ("draft", "error", "validated"):
            raise UserError(self.env._("This import has already run; upload the file again."))
        if not self.file:
            raise UserError(self.env._("Upload the roll file first (CSV or XLSX)."))

    # ------------------------------------------------------------------- job
    @api.model
    def _cron_run_queued(self):
        """Run the oldest queued import; the cron framework commits it and
        calls again while _notify_progress reports more to do."""
        queued = self.search([("state", "=", "importing")], order="id")
        if not queued:
            return
        queued[0]._school_run_job()
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(queued) - 1)

    def _school_run_job(self):
        """Run a queued import as the user who asked for it, in their school."""
        self.ensure_one()
        user = self.user_id
        record = self.with_user(user).with_company(self.company_id).with_context(lang=user.lang)
        try:
            with self.env.cr.savepoint():
                record._school_check_caller()
                plan = record._school_plan()
        except Exception as err:
            if not isinstance(err, AccessError):
                _logger.exception("roll import %s could not be checked", self.id)
            # A background job has nobody to show a traceback to.
            self.sudo().write({"state": "failed", "failure_message": str(err)})
            self.with_context(lang=user.lang)._school_notify_end()
            return
        if plan["errors"]:
            self.sudo()._school_store_plan(plan)
            self.with_context(lang=user.lang)._school_notify_end()
            return
        record._school_run(plan, progress=True)

    def _school_run(self, plan, progress=False):
        """Apply ``plan`` in a savepoint: on any error nothing of the roll is
        written and the import records why. ``progress``: a background job,
        which notifies the requester as it goes and when it ends."""
        self_sudo = self.sudo()
        try:
            with self.env.cr.savepoint():
                counts = self._school_apply(plan, progress=progress)
        except (UserError, ValidationError) as err:
            self_sudo.write({"state": "failed", "failure_message": str(err)})
        except Exception as err:
            if not progress:
                raise
            # A background job has nobody to show a traceback to.
            _logger.exception("roll import %s failed", self.id)
            self_sudo.write({"state": "failed", "failure_message": str(err)})
        else:
            self_sudo.write(dict(counts, state="done", date_done=fields.Datetime.now()))
        if progress:
            self._school_notify_end()

    def _school_notify_end(self):
        if self.state == "done":
            message = self.env._(
                "%(file)s: %(created)s new students, %(updated)s updated, %(unchanged)s unchanged.",
                file=self.name,
                created=self.student_created,
                updated=self.student_updated,
                unchanged=self.student_unchanged,
            )
            kind = "success"
        else:
            reason = self.failure_message or self.env._(
                "%(count)s problems found; see the import.", count=len(self.error_ids)
            )
            message = self.env._(
                "%(file)s: nothing was imported. %(reason)s", file=self.name, reason=reason
            )
            kind = "danger"
        self.env["bus.bus"]._sendone(
            self.user_id.partner_id,
            "simple_notification",
            {"title": self.env._("Roll import"), "message": message, "type": kind},
        )

    def _school_notify_progress(self, done, total):
        """Tell the requester how far a background import is, at once.

        The import's own transaction stays open until its last row (all or
        nothing), so this message goes through a cursor of its own, which
        only inserts a bus row: it never touches the import or the roll, so
        the two transactions cannot conflict."""
        message = self.env._(
            "%(file)s: %(done)s of %(total)s rows imported (%(percent)s%%).",
            file=self.name,
            done=done,
            total=total,
            percent=done * 100 // total,
        )
        partner_id = self.user_id.partner_id.id
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["bus.bus"]._sendone(
                env["res.partner"].browse(partner_id),
                "simple_notification",
                {"title": self.env._("Roll import"), "message": message, "type": "info"},
            )

    # ----------------------------------------------------------------- report
    def _school_store_plan(self, plan):
        self.ensure_one()
        self.error_ids.unlink()
        rows = plan["rows"]
        vals = {
            "row_count": len(rows),
            "failure_message": False,
            "ignored_columns": ", ".join(plan["ignored"]) or False,
            "state": "error" if plan["errors"] else "validated",
            "student_created": sum(1 for r in rows if r.get("action") == "create"),
            "student_updated": sum(1 for r in rows if r.get("action") == "update"),
            "student_unchanged": sum(1 for r in rows if r.get("action") == "none"),
            "guardian_created": len([g for g in plan["guardians"].values() if not g["partner"]]),
            "enrolment_created": sum(1 for r in rows if r.get("enrolment") == "create"),
            "enrolment_moved": sum(1 for r in rows if r.get("enrolment") == "move"),
            "error_ids": [
                Command.create({"row": row, "column": column, "message": message})
                for row, column, message in plan["errors"]
            ],
        }
        self.write(vals)

    # ---------------------------------------------------------------- template
    @api.model
    def _school_template_content(self):
        _ = self.env._
        instructions = [
            (_("Column"), _("Required"), _("What to write"), _("Example")),
            (HEADERS["id_number"], _("Yes"), _("RUN with check digit, or DNI"), "22.222.222-2"),
            (
                HEADERS["id_type"],
                _("No"),
                _("RUN or DNI; blank: the school's country"),
                "RUN",
            ),
            (HEADERS["first_names"], _("Yes"), _("Given names"), "Sofía Ignacia"),
            (HEADERS["last_name_1"], _("Yes"), _("First surname"), "González"),
            (HEADERS["last_name_2"], _("No"), _("Second surname"), "Muñoz"),
            (HEADERS["birth_date"], _("No"), _("Day-month-year"), "15-03-2018"),
            (
                HEADERS["gender"],
                _("For new students"),
                _("F (female), M (male) or O (other)"),
                "F",
            ),
            (
                HEADERS["course"],
                _("Yes"),
                _(
                    "The course as the school names it, its code, or SIGE "
                    "teaching type-grade-letter"
                ),
                "1° básico A / 110-1-A",
            ),
            (HEADERS["guardian_id_number"], _("No"), _("RUN or DNI of the apoderado"), ""),
            (
                HEADERS["guardian_name"],
                _("For a new apoderado"),
                _("Full name of the apoderado"),
                "María Muñoz Rojas",
            ),
            (
                HEADERS["guardian_relationship"],
                _("No"),
                _("Madre, Padre, Tutor(a) legal, Abuelo(a), Otro familiar"),
                "Madre",
            ),
            (HEADERS["guardian_email"], _("No"), _("E-mail of the apoderado"), ""),
            (HEADERS["guardian_phone"], _("No"), _("Phone of the apoderado"), "+56 9 1234 5678"),
            (HEADERS["enrolment_date"], _("No"), _("Day-month-year"), "01-03-2026"),
        ]
        return write_template([header for _key, header, _a in COLUMNS], instructions)

    # ------------------------------------------------------------------ plan
    def _school_plan(self):
        """Read and check the whole file; writes nothing.

        Returns ``{"rows": [...], "guardians": {key: {...}}, "errors":
        [(row, column, message)]}``; each row says what the import will do
        (``action``: create, update or none; ``enrolment``: create, move,
        reactivate or False)."""
        self.ensure_one()
        errors = []
        plan = {"rows": [], "guardians": {}, "errors": errors, "ignored": []}
        try:
            header, data = read_rows(base64.b64decode(self.file or b""), self.file_name)
        except RollFileError as err:
            errors.append((1, "", self._school_file_error(err)))
            return plan
        columns = self._school_map_columns(header, errors, plan["ignored"])
        if errors:
            return plan
        if len(data) > MAX_ROWS:
            errors.append(
                (
                    1,
                    "",
                    self.env._(
                        "The file has %(count)s rows; import at most %(max)s at once.",
                        count=len(data),
                        max=MAX_ROWS,
                    ),
                )
            )
            return plan
        context = self._school_plan_context()
        rows = []
        for number, cells in data:
            raw = {
                key: (cells[index] if index < len(cells) and cells[index] is not None else "")
                for key, index in columns.items()
            }
            rows.append(self._school_clean_row(number, raw, context, errors))
        plan["rows"] = rows
        self._school_check_file_duplicates(rows, errors)
        self._school_match_records(plan, context)
        errors.sort(key=lambda e: e[0])
        return plan

    def _school_file_error(self, err):
        if err.code == "empty":
            return self.env._("The file is empty.")
        if err.code == "unreadable_xlsx":
            return self.env._("The file cannot be read as an Excel (XLSX) workbook.")
        return self.env._("The file cannot be read: save it as CSV (UTF-8) or XLSX.")

    def _school_map_columns(self, header, errors, ignored):
        by_label = {}
        for key, title, aliases in COLUMNS:
            for label in (title, *aliases):
                by_label.setdefault(normalize_label(label), key)
        columns = {}
        for index, title in enumerate(header):
            key = by_label.get(normalize_label(title))
            if key and key not in columns:
                columns[key] = index
            elif title:
                # Not read (an unknown or repeated name): shown on the import.
                ignored.append(title)
        for key in REQUIRED_COLUMNS:
            if key not in columns:
                errors.append(
                    (
                        1,
                        HEADERS[key],
                        self.env._(
                            "Missing column %(column)s (the first row must hold the "
                            "column names of the template).",
                            column=HEADERS[key],
                        ),
                    )
                )
        return columns

    def _school_plan_context(self):
        company = self.company_id
        batches = self.env["op.batch"].search(
            [
                ("company_id", "=", company.id),
                ("start_date", ">=", "%s-01-01" % self.school_year),
                ("start_date", "<=", "%s-12-31" % self.school_year),
            ]
        )
        batch_keys = defaultdict(set)
        for batch in batches:
            keys = {normalize_label(batch.name), compact_label(batch.name)}
            if batch.code:
                keys |= {normalize_label(batch.code), compact_label(batch.code)}
            course = batch.course_id
            if course.sige_teaching_code and course.sige_grade_code and batch.sige_letter:
                keys.add(
                    compact_label(
                        "%s-%s-%s"
                        % (course.sige_teaching_code, course.sige_grade_code, batch.sige_letter)
                    )
                )
            for key in keys:
                batch_keys[key].add(batch.id)
        relationships = self.env["op.parent.relationship"].search([])
        return {
            "company": company,
            "default_type": "pe_dni" if company.country_id.code == "PE" else "cl_run",
            "batch_keys": batch_keys,
            "batches": {b.id: b for b in batches},
            "relationships": {normalize_label(r.name): r for r in relationships},
            "today": self.env["school.calendar"].school_today(company),
        }

    def _school_clean_row(self, number, raw, context, errors):
        """The row's values checked and in stored form; errors name the row
        and the column."""
        row = {"number": number}

        def error(key, message):
            errors.append((number, HEADERS[key], message))

        def text(key):
            value = raw.get(key, "")
            return value.strip() if isinstance(value, str) else value

        for step in (
            self._school_clean_person,
            self._school_clean_values,
            self._school_clean_course,
            self._school_clean_guardian,
        ):
            step(row, text, error, context)
        return row

    def _school_clean_person(self, row, text, error, context):
        _ = self.env._
        id_type = context["default_type"]
        if text("id_type"):
            id_type = ID_TYPES.get(normalize_label(text("id_type")))
            if not id_type:
                error("id_type", _("Write RUN or DNI."))
                id_type = context["default_type"]
        row["id_type"] = id_type
        for key in REQUIRED_COLUMNS:
            if not text(key):
                error(key, _("This column is required."))
        for key, target in (("id_number", "id_number"), ("guardian_id_number", "guardian_number")):
            value = text(key)
            if value:
                try:
                    row[target] = self.env["res.partner"]._school_normalize_id_number(
                        id_type, str(value)
                    )
                except ValidationError as err:
                    error(key, str(err.args[0]))
        for key in ("first_names", "last_name_1", "last_name_2", "guardian_name"):
            row[key] = " ".join(str(text(key)).split())
        row["last_name"] = " ".join(filter(None, (row["last_name_1"], row["last_name_2"])))
        row["name"] = " ".join(filter(None, (row["first_names"], row["last_name"])))

    def _school_clean_values(self, row, text, error, context):
        _ = self.env._
        for key in ("birth_date", "enrolment_date"):
            value = text(key)
            row[key] = False
            if value:
                date = parse_date(value)
                if not date or date.year < 1900:
                    error(key, _("%(value)s is not a date: write day-month-year.", value=value))
                elif key == "birth_date" and date > context["today"]:
                    error(key, _("The birth date is in the future."))
                else:
                    row[key] = date
        row["gender"] = False
        if text("gender"):
            row["gender"] = GENDERS.get(normalize_label(text("gender")))
            if not row["gender"]:
                error("gender", _("Write F, M or O."))

    def _school_clean_course(self, row, text, error, context):
        _ = self.env._
        row["batch"] = False
        course = str(text("course") or "")
        if not course:
            return
        keys = context["batch_keys"]
        ids = keys.get(normalize_label(course)) or keys.get(compact_label(course))
        if not ids:
            error(
                "course",
                _(
                    "There is no course %(course)s starting in %(year)s at %(school)s.",
                    course=course,
                    year=self.school_year,
                    school=context["company"].name,
                ),
            )
        elif len(ids) > 1:
            error("course", _("%(course)s matches several courses; write its code.", course=course))
        else:
            row["batch"] = context["batches"][next(iter(ids))]

    def _school_clean_guardian(self, row, text, error, context):
        """The apoderado: optional, but a RUN is needed to find or create one."""
        _ = self.env._
        row["guardian_email"] = False
        if text("guardian_email"):
            row["guardian_email"] = email_normalize(str(text("guardian_email")))
            if not row["guardian_email"]:
                error("guardian_email", _("This is not an e-mail address."))
        row["guardian_phone"] = str(text("guardian_phone") or "") or False
        row["guardian_relationship"] = False
        relationship = text("guardian_relationship")
        if relationship:
            row["guardian_relationship"] = context["relationships"].get(
                normalize_label(relationship)
            )
            if not row["guardian_relationship"]:
                error(
                    "guardian_relationship",
                    _(
                        "Unknown relationship %(value)s; use one of: %(names)s.",
                        value=relationship,
                        names=", ".join(r.name for r in context["relationships"].values()),
                    ),
                )
        if not text("guardian_id_number") and any(
            text(k) for k in GUARDIAN_KEYS if k != "guardian_id_number"
        ):
            error("guardian_id_number", _("Give the apoderado's RUN or DNI."))
        if row.get("guardian_number") and row.get("guardian_number") == row.get("id_number"):
            error("guardian_id_number", _("The apoderado cannot be the student."))

    def _school_check_file_duplicates(self, rows, errors):
        """A person appears once as a student; an apoderado of several rows
        (siblings) must be given the same way in each."""
        _ = self.env._
        student_rows = {}
        guardian_rows = {}
        for row in rows:
            key = row.get("id_number") and (row["id_type"], row["id_number"])
            if key:
                if key in student_rows:
                    errors.append(
                        (
                            row["number"],
                            HEADERS["id_number"],
                            _(
                                "%(number)s is already in row %(row)s.",
                                number=row["id_number"],
                                row=student_rows[key],
                            ),
                        )
                    )
                else:
                    student_rows[key] = row["number"]
        for row in rows:
            key = row.get("guardian_number") and (row["id_type"], row["guardian_number"])
            if not key:
                continue
            if key in student_rows:
                errors.append(
                    (
                        row["number"],
                        HEADERS["guardian_id_number"],
                        _(
                            "%(number)s is a student in row %(row)s.",
                            number=row["guardian_number"],
                            row=student_rows[key],
                        ),
                    )
                )
            first = guardian_rows.setdefault(key, row)
            for field_key in ("guardian_name", "guardian_email", "guardian_phone"):
                if row[field_key] and first[field_key] and row[field_key] != first[field_key]:
                    errors.append(
                        (
                            row["number"],
                            HEADERS[field_key],
                            _(
                                "The apoderado %(number)s is given as %(other)s in row %(row)s.",
                                number=row["guardian_number"],
                                other=first[field_key],
                                row=first["number"],
                            ),
                        )
                    )

    def _school_match_records(self, plan, context):
        """Find the students, apoderados and enrolments the rows speak of
        (a few searches for the whole file) and decide what each row does."""
        rows = plan["rows"]
        company = context["company"]
        numbers = {r["id_number"] for r in rows if r.get("id_number")} | {
            r["guardian_number"] for r in rows if r.get("guardian_number")
        }
        if not numbers:
            return
        # sudo: an identity number must be matched (or found taken) whatever
        # the caller may read, like the uniqueness check of res.partner; the
        # writes that follow run as the caller.
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("school_id_number", "in", list(numbers)),
                    ("company_id", "in", [company.id, False]),
                ],
                ["school_id_type", "school_id_number", "company_id", "name", "active"],
            )
        )
        found = {"partners": {}}
        # A partner of the school wins over one without a company.
        for partner in partners.sorted(lambda p: bool(p.company_id)):
            key = (partner.school_id_type or "cl_run", partner.school_id_number)
            found["partners"][key] = partner
        students = (
            self.env["op.student"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
        )
        found["students"] = {s.partner_id.id: s for s in students}
        parents = (
            self.env["op.parent"]
            .sudo()
            .with_context(active_test=False)
            .search([("name", "in", partners.ids)])
        )
        found["parents"] = {p.name.id: p for p in parents}
        found["not_students"] = (
            set(
                self.env["op.faculty"]
                .sudo()
                .with_context(active_test=False)
                .search([("partner_id", "in", partners.ids)])
                .partner_id.ids
            )
            | set(partners.user_ids.partner_id.ids)
            | set(found["parents"])
        )
        found["enrolments"] = defaultdict(list)
        if students:
            enrolments = (
                self.env["op.student.course"]
                .sudo()
                .search(
                    [
                        ("student_id", "in", students.ids),
                        ("batch_id", "in", list(context["batches"])),
                    ],
                    order="id",
                )
            )
            for enrolment in enrolments:
                found["enrolments"][enrolment.student_id.id].append(enrolment)
        # Apoderados first: several rows may share one.
        for row in rows:
            if row.get("guardian_number"):
                self._school_match_guardian(row, plan, found, company)
        for row in rows:
            row["action"] = row["enrolment"] = False
            if row.get("id_number"):
                self._school_match_student(row, plan, found)

    def _school_match_guardian(self, row, plan, found, company):
        _ = self.env._
        errors = plan["errors"]
        number = row["guardian_number"]
        key = (row["id_type"], number)
        guardian = plan["guardians"].get(key)
        if guardian is None:
            partner = found["partners"].get(key)
            guardian = plan["guardians"][key] = {
                "partner": partner,
                "parent": found["parents"].get(partner.id) if partner else False,
                "vals": {},
                "relationship": False,
                "company": company,
                "id_type": row["id_type"],
                "number": number,
            }
            if partner and partner.id in found["students"]:
                message = _(
                    "%(number)s belongs to %(name)s, a student.", number=number, name=partner.name
                )
                errors.append((row["number"], HEADERS["guardian_id_number"], message))
            elif partner and not partner.active:
                message = _("%(name)s is archived: restore them first.", name=partner.name)
                errors.append((row["number"], HEADERS["guardian_id_number"], message))
        if not guardian["relationship"] and row["guardian_relationship"]:
            guardian["relationship"] = row["guardian_relationship"]
        partner = guardian["partner"]
        for field_key, field_name in (
            ("guardian_name", "name"),
            ("guardian_email", "email"),
            ("guardian_phone", "phone"),
        ):
            value = row[field_key]
            if value and (not partner or partner[field_name] != value):
                guardian["vals"][field_name] = value
        if not partner and "name" not in guardian["vals"]:
            message = _("%(number)s is a new apoderado: give their name.", number=number)
            errors.append((row["number"], HEADERS["guardian_name"], message))
        row["guardian"] = key

    def _school_match_student(self, row, plan, found):
        _ = self.env._
        errors = plan["errors"]
        number = row["id_number"]
        partner = found["partners"].get((row["id_type"], number))
        student = partner and found["students"].get(partner.id)
        row["student"] = student or False
        row["partner"] = partner or False
        if partner and not student and partner.id in found["not_students"]:
            message = _(
                "%(number)s belongs to %(name)s, who is not a student "
                "(a teacher, a user or an apoderado).",
                number=number,
                name=partner.name,
            )
            errors.append((row["number"], HEADERS["id_number"], message))
            return
        if student and not student.active:
            message = _("%(name)s is archived: restore them first.", name=student.name)
            errors.append((row["number"], HEADERS["id_number"], message))
            return
        if not student:
            if not row["gender"]:
                message = _("A new student needs their gender (F, M or O).")
                errors.append((row["number"], HEADERS["gender"], message))
            row["action"] = "create"
            row["enrolment"] = "create" if row["batch"] else False
            return
        self._school_plan_update(row, student, found["enrolments"][student.id], plan["guardians"])

    def _school_plan_update(self, row, student, enrolments, guardians):
        """What changes for a student already on the roll (only what the
        file gives and differs)."""
        vals = {}
        for field_name, value in (
            ("name", row["name"]),
            ("first_name", row["first_names"]),
            ("last_name", row["last_name"]),
            ("birth_date", row["birth_date"]),
            ("gender", row["gender"]),
        ):
            if value and student[field_name] != value:
                vals[field_name] = value
        guardian = row.get("guardian") and guardians[row["guardian"]]
        row["link_guardian"] = bool(
            guardian and (not guardian["parent"] or guardian["parent"] not in student.parent_ids)
        )
        row["student_vals"] = vals
        batch = row["batch"]
        current = [e for e in enrolments if e.batch_id == batch]
        running = [e for e in enrolments if e.state == "running" and e.batch_id != batch]
        row["enrolment_record"] = False
        if not batch:
            row["enrolment"] = False
        elif current:
            row["enrolment_record"] = current[0]
            row["enrolment"] = "reactivate" if current[0].state != "running" else False
        elif running:
            # The roll describes the school year: a student listed in another
            # course of the same year changes course (readme USAGE).
            row["enrolment_record"] = running[0]
            row["enrolment"] = "move"
        else:
            row["enrolment"] = "create"
        row["action"] = "update" if vals or row["link_guardian"] or row["enrolment"] else "none"

    # ----------------------------------------------------------------- apply
    def _school_enrolment_vals(self, row):
        """Values of a new (or moved) enrolment of ``row``; addons that keep
        an enrolment date extend it."""
        return {
            "course_id": row["batch"].course_id.id,
            "batch_id": row["batch"].id,
            "state": "running",
        }

    def _school_apply(self, plan, progress=False):
        """Write the checked plan as the caller; returns the counts."""
        env = (
            self.with_company(self.company_id)
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            )
            .env
        )
        rows = plan["rows"]
        counts = dict.fromkeys(
            (
                "student_created",
                "student_updated",
                "student_unchanged",
                "guardian_created",
                "enrolment_created",
                "enrolment_moved",
            ),
            0,
        )
        counts["row_count"] = len(rows)
        self._school_apply_guardians(env, plan, counts)
        done = 0
        new_rows = [r for r in rows if r["action"] == "create"]
        other_rows = [r for r in rows if r["action"] != "create"]
        for method, todo in (
            (self._school_apply_new, new_rows),
            (self._school_apply_existing, other_rows),
        ):
            for start in range(0, len(todo), CHUNK):
                chunk = todo[start : start + CHUNK]
                method(env, plan, chunk, counts)
                done += len(chunk)
                if progress:
                    self._school_notify_progress(done, len(rows))
        env.flush_all()
        return counts

    def _school_apply_guardians(self, env, plan, counts):
        """New apoderados, changed contact data, missing apoderado links."""
        company = self.company_id
        guardians = list(plan["guardians"].values())
        new = [g for g in guardians if not g["partner"]]
        created = env["res.partner"].create(
            [
                dict(
                    g["vals"],
                    company_id=company.id,
                    school_id_type=g["id_type"],
                    school_id_number=g["number"],
                )
                for g in new
            ]
        )
        for guardian, partner in zip(new, created, strict=True):
            guardian["partner"] = partner
        counts["guardian_created"] = len(created)
        for guardian in guardians:
            if guardian["vals"] and guardian not in new:
                guardian["partner"].with_env(env).write(guardian["vals"])
        missing = [g for g in guardians if not g["parent"]]
        parents = env["op.parent"].create(
            [
                {
                    "name": g["partner"].id,
                    "relationship_id": (g["relationship"] or self.default_relationship_id).id,
                }
                for g in missing
            ]
        )
        for guardian, parent in zip(missing, parents, strict=True):
            guardian["parent"] = parent

    def _school_apply_new(self, env, plan, rows, counts):
        vals_list = []
        for row in rows:
            vals = {
                "name": row["name"],
                "first_name": row["first_names"],
                "last_name": row["last_name"],
                "gender": row["gender"],
                "company_id": self.company_id.id,
                "course_detail_ids": [Command.create(self._school_enrolment_vals(row))],
            }
            if row["birth_date"]:
                # (OpenEduCat's birth date check fails on an empty one)
                vals["birth_date"] = row["birth_date"]
            if row["partner"]:
                vals["partner_id"] = row["partner"].id
            else:
                vals.update(school_id_type=row["id_type"], school_id_number=row["id_number"])
            if row.get("guardian"):
                parent = plan["guardians"][row["guardian"]]["parent"]
                vals["parent_ids"] = [Command.set([parent.id])]
            vals_list.append(vals)
        env["op.student"].create(vals_list)
        counts["student_created"] += len(rows)
        counts["enrolment_created"] += len(rows)

    def _school_apply_existing(self, env, plan, rows, counts):
        new_enrolments = []
        for row in rows:
            if row["action"] == "none":
                counts["student_unchanged"] += 1
                continue
            counts["student_updated"] += 1
            student = row["student"].with_env(env)
            vals = dict(row["student_vals"])
            if row["link_guardian"]:
                parent = plan["guardians"][row["guardian"]]["parent"]
                vals["parent_ids"] = [Command.link(parent.id)]
            if vals:
                student.write(vals)
            if row["enrolment"] == "create":
                new_enrolments.append(dict(self._school_enrolment_vals(row), student_id=student.id))
            elif row["enrolment"] == "move":
                enrolment_vals = self._school_enrolment_vals(row)
                enrolment_vals.pop("state")
                # A roll number is a place in the old course's list.
                enrolment_vals["roll_number"] = False
                row["enrolment_record"].with_env(env).write(enrolment_vals)
                counts["enrolment_moved"] += 1
            elif row["enrolment"] == "reactivate":
                row["enrolment_record"].with_env(env).write({"state": "running"})
        if new_enrolments:
            env["op.student.course"].create(new_enrolments)
            counts["enrolment_created"] += len(new_enrolments)
