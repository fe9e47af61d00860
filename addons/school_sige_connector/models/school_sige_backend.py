# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.school_base.tools.cron_batches import run_in_batches

from ..services.sige_client import (
    DEFAULT_AUTH_URL,
    DEFAULT_SERVICE_URL,
    SigeClient,
    SigeCredentials,
)

SIGE_MANAGER = "school_sige_connector.school_sige_connector_group_manager"
SECRETARY = "school_base.school_base_group_secretary"
# What the chatter says changed (never the values: issue 11).
CONFIG_FIELDS = (
    "name",
    "active",
    "cliente_id",
    "convenio_id",
    "auth_url",
    "service_url",
    "environment",
    "send_hour",
    "connect_timeout",
    "read_timeout",
)


class SchoolSigeBackend(models.Model):
    """The SIGE interoperability agreement of one school (seed 001: the
    sostenedor signs the Convenio de Interoperabilidad and receives a token;
    each session starts with a semilla).

    The ConvenioToken is write-only: ``new_token`` replaces it and always
    reads empty; the token itself lives in school.sige.secret, which nobody
    may read (only _school_client, under sudo)."""

    _name = "school.sige.backend"
    _description = "SIGE Backend"
    _inherit = ["mail.thread"]
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    rbd = fields.Char(related="company_id.school_rbd", string="RBD")
    cliente_id = fields.Integer(string="Client Id (ClienteId)", groups=SIGE_MANAGER)
    convenio_id = fields.Integer(string="Agreement Id (ConvenioId)", groups=SIGE_MANAGER)
    auth_url = fields.Char(
        string="Authorisation Service URL",
        required=True,
        default=DEFAULT_AUTH_URL,
        groups=SIGE_MANAGER,
        help="Base URL of WsApiAutorizacion's services (the semilla).",
    )
    service_url = fields.Char(
        string="Attendance Service URL",
        required=True,
        default=DEFAULT_SERVICE_URL,
        groups=SIGE_MANAGER,
        help="Base URL of WsApiMineduc's services (attendance, student validation).",
    )
    environment = fields.Selection(
        [("test", "Test"), ("production", "Production")],
        required=True,
        default="test",
    )
    send_hour = fields.Float(
        string="Daily Send Hour",
        default=19.0,
        help="Hour of the day (school time) from which the signed days not yet sent go to SIGE.",
    )
    connect_timeout = fields.Float(default=10.0, groups=SIGE_MANAGER)
    read_timeout = fields.Float(default=60.0, groups=SIGE_MANAGER)
    # Write-only: reads empty; write() hands the value to the private store.
    new_token = fields.Char(
        string="Replace Token",
        compute="_compute_new_token",
        inverse="_inverse_new_token",
        groups=SIGE_MANAGER,
        copy=False,
        help="Type the new ConvenioToken here to replace it. It is never shown again.",
    )
    token_set = fields.Boolean(compute="_compute_token_info")
    token_set_at = fields.Datetime(string="Token Set On", compute="_compute_token_info")
    token_set_by_id = fields.Many2one(
        "res.users", string="Token Set By", compute="_compute_token_info"
    )
    last_daily_send = fields.Date(
        readonly=True, copy=False, help="School day of the last daily send run."
    )
    send_ids = fields.One2many("school.sige.send", "backend_id", string="Sends")

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "A school has one SIGE backend."),
    ]

    def _compute_new_token(self):
        for backend in self:
            backend.new_token = False

    def _inverse_new_token(self):
        # Never reached: create/write take the value out first.
        return

    def _compute_token_info(self):
        # sudo: who set the token and when (never the token itself) is shown
        # to whoever reads the backend.
        secrets = {
            secret.backend_id.id: secret
            for secret in self.env["school.sige.secret"]
            .sudo()
            .search([("backend_id", "in", self.ids)])
        }
        for backend in self:
            secret = secrets.get(backend.id)
            backend.token_set = bool(secret)
            backend.token_set_at = secret.write_date if secret else False
            backend.token_set_by_id = secret.write_uid if secret else False

    # ------------------------------------------------------------ ORM ----
    @api.model_create_multi
    def create(self, vals_list):
        tokens = [vals.pop("new_token", None) for vals in vals_list]
        backends = super().create(vals_list)
        for backend, token in zip(backends, tokens, strict=True):
            if token:
                backend._school_set_token(token)
        return backends

    def write(self, vals):
        vals = dict(vals)
        token = vals.pop("new_token", None)
        if "last_daily_send" in vals and not self.env.su:
            raise UserError(self.env._("The date of the last daily send is set by the connector."))
        changed = {}
        for name in set(vals) & set(CONFIG_FIELDS):
            for backend in self.filtered(lambda b, name=name: b[name] != vals[name]):
                changed.setdefault(backend, []).append(name)
        result = super().write(vals) if vals else True
        for backend, names in changed.items():
            labels = sorted(
                backend._fields[name].get_description(self.env)["string"] for name in names
            )
            backend.message_post(
                body=self.env._("Configuration changed: %(fields)s.", fields=", ".join(labels))
            )
        if token:
            for backend in self:
                backend._school_set_token(token)
        return result

    def _school_set_token(self, token):
        """Store the new token (the caller may write this backend: checked
        here, before the sudo) and say so in the chatter, without it."""
        self.ensure_one()
        self.check_access("write")
        if not isinstance(token, str) or not token.strip():
            raise UserError(self.env._("The token cannot be empty."))
        # sudo: school.sige.secret has no access right for anyone; the
        # caller's write right on this backend was checked just above.
        secrets = self.env["school.sige.secret"].sudo()
        secret = secrets.search([("backend_id", "=", self.id)])
        if secret:
            secret.write({"token": token.strip()})
        else:
            secrets.create({"backend_id": self.id, "token": token.strip()})
        self.message_post(body=self.env._("SIGE token replaced."))

    # ------------------------------------------------------------ API ----
    def _school_client(self):
        """The SIGE client of this backend. Service code only, after the
        caller's check: the token is read under sudo and goes nowhere but
        into the client's credentials (the client masks it in every
        envelope it keeps)."""
        self.ensure_one()
        # sudo: the private token store (see school.sige.secret).
        secret = self.env["school.sige.secret"].sudo().search([("backend_id", "=", self.id)])
        backend = self.sudo()
        if not (secret and backend.cliente_id and backend.convenio_id):
            raise UserError(
                self.env._(
                    "The SIGE agreement of %(school)s is not configured (client id, "
                    "agreement id and token).",
                    school=self.company_id.name,
                )
            )
        return SigeClient(
            SigeCredentials(backend.cliente_id, backend.convenio_id, secret.token),
            backend.auth_url,
            backend.service_url,
            connect_timeout=backend.connect_timeout or 10.0,
            read_timeout=backend.read_timeout or 60.0,
        )

    def _school_now(self):
        """Now in the school's time zone (naive)."""
        self.ensure_one()
        return (
            self.env["school.calendar"]
            .to_school_time(fields.Datetime.now(), self.company_id)
            .replace(tzinfo=None)
        )

    def action_sync_now(self):
        """Button: prepare this month's days, poll what is in flight, then
        send what is ready. SIGE officers and Secretaría of the school."""
        self.env["school.sige.send"]._school_check_caller()
        self.check_access("read")
        for backend in self.sudo():
            # sudo: the outbox is written only by the connector; the caller
            # was checked above.
            backend._school_run(prepare=True)
        return True

    def action_open_dashboard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "school_sige_connector.school_sige_send_action"
        )
        action["domain"] = [("company_id", "=", self.company_id.id)]
        return action

    def _school_run(self, prepare=False, today=None):
        """One school's work (sudo): with ``prepare``, the days of the
        month up to ``today`` get their send records (past months' unsent
        days are flagged for manual handling); then the in-flight send is
        polled and ready days are sent, one in flight at a time."""
        self.ensure_one()
        sends = self.env["school.sige.send"]
        today = today or self.env["school.calendar"].school_today(self.company_id)
        if prepare:
            sends._school_prepare(self, today.replace(day=1), today)
            sends._school_flag_past_months(self, today)
            # Students SIGE was never asked about: known before their days go.
            self.env["school.sige.student.check"]._school_validate_pending(self, today)
        return sends._school_sync(self, today)

    # ------------------------------------------------------------ crons --
    @api.model
    def _cron_daily_send(self):
        """Hourly: each school whose send hour has come and that has not run
        today sends its signed days not yet sent."""
        due = self.browse()
        for backend in self.search([]):
            now = backend._school_now()
            if now.hour + now.minute / 60.0 >= backend.send_hour and (
                backend.last_daily_send != now.date()
            ):
                due |= backend

        def work(backend):
            backend._school_run(prepare=True)
            backend.last_daily_send = backend._school_now().date()

        return run_in_batches(
            self.env,
            [(backend.company_id.name, backend, work) for backend in due],
            "SIGE daily send",
        )

    @api.model
    def _cron_poll(self):
        """Frequent: poll the reports that are due (growing delays,
        school.sige.send.next_poll_at), then send what waited for them."""
        now = fields.Datetime.now()
        companies = (
            self.env["school.sige.send"]
            .search(
                [
                    "|",
                    "&",
                    ("state", "=", "sent"),
                    ("next_poll_at", "<=", now),
                    "&",
                    ("state", "in", ("to_send", "failed", "changed")),
                    ("next_try_at", "<=", now),
                ]
            )
            .company_id
        )
        backends = self.search([("company_id", "in", companies.ids)])
        return run_in_batches(
            self.env,
            [(b.company_id.name, b, lambda b: b._school_run()) for b in backends],
            "SIGE report polling",
        )

    @api.model
    def _cron_catch_up(self):
        """Nightly: every school day of the month gets its record, past
        months' unsent days are flagged, failed and changed days retried."""
        return run_in_batches(
            self.env,
            [
                (b.company_id.name, b, lambda b: b._school_run(prepare=True))
                for b in self.search([])
            ],
            "SIGE catch-up",
        )

    @api.model
    def _school_poll_delay(self, count):
        """Delay before the report poll number ``count`` + 1."""
        delays = (2, 5, 15, 30, 60, 120, 240)
        return datetime.timedelta(minutes=delays[min(count, len(delays) - 1)])

    # ------------------------------------------------------------- demo --
    @api.model
    def _school_build_demo(self, rbd="2963"):
        """Demo data: the demo school's agreement points at the local SIGE
        stand-in (./school run starts it on port 8070 with
        demo/sige_standin_demo.json) with the stand-in's demo credentials."""
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        if not school or self.search([("company_id", "=", school.id)]):
            return False
        backend = self.create(
            {
                "name": "SIGE (stand-in local)",
                "company_id": school.id,
                "cliente_id": 99,
                "convenio_id": 999,
                "new_token": "DEMOTOKEN",
                "auth_url": "http://127.0.0.1:8070/WsApiAutorizacion/services",
                "service_url": "http://127.0.0.1:8070/WsApiMineduc/services",
                "environment": "test",
                "send_hour": 19.0,
            }
        )
        # This month's days in the dashboard (no call to SIGE here).
        today = self.env["school.calendar"].school_today(school)
        self.env["school.sige.send"]._school_prepare(backend, today.replace(day=1), today)
        return backend
