# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The production SIGE client over real HTTP against the stand-in server
(no mocks: every call goes through requests, werkzeug and lxml)."""

import datetime
import socket
import time

import requests

from odoo.tests import BaseCase, tagged

from ..services.sige_client import (
    ADD_CODES,
    MASK,
    REPORT_CODES,
    VALIDATION_CODES,
    SigeAuthError,
    SigeClient,
    SigeCourse,
    SigeCredentials,
    SigeError,
    SigeFaultError,
    SigeSemillaExpiredError,
    SigeTransportError,
    format_run,
    is_pending_error,
    missing_runs,
    not_enrolled_runs,
    run_check_digit,
    split_run,
)
from ..services.sige_standin import SigeStandIn

TOKEN = "Tok3nSecretoDelConvenio"
RBD = 12345
DAY = datetime.date(2025, 3, 12)
# Fictitious RUNs with valid check digits (one K, one 9-digit provisional).
RUNS = [format_run(n) for n in (20000001, 20000002, 20000003, 100000001)]


@tagged("post_install", "-at_install")
class TestSigeClient(BaseCase):
    def setUp(self):
        super().setUp()
        self.standin = SigeStandIn(timeout_sleep=1.5)
        self.standin.start()
        self.addCleanup(self.standin.stop)
        self.standin.add_convenio(99, 999, TOKEN, rbds=[RBD])
        self.standin.set_now(datetime.datetime(2025, 3, 12, 18, 0))
        self.standin.set_roster(RBD, 2025, 110, 4, "A", RUNS)
        self.client = self._client()
        self.exchanges = []

    def _client(self, token=TOKEN, read_timeout=5.0, service_url=None):
        return SigeClient(
            SigeCredentials(99, 999, token),
            auth_url=self.standin.auth_url,
            service_url=service_url or self.standin.service_url,
            connect_timeout=2.0,
            read_timeout=read_timeout,
        )

    def _add(self, present=None, absent=None, day=DAY, grado=4, letter="A", client=None):
        present = RUNS[:3] if present is None else present
        absent = RUNS[3:] if absent is None else absent
        response = (client or self.client).add_asistencia(
            RBD, day.year, 110, grado, day, [SigeCourse(letter, present, absent)]
        )
        self.exchanges += response.exchanges
        return response

    def _error(self, exc_class, call, *args, **kwargs):
        with self.assertRaises(exc_class) as caught:
            call(*args, **kwargs)
        self.exchanges += caught.exception.exchanges
        self.assertNotIn(TOKEN, str(caught.exception))
        return caught.exception

    def tearDown(self):
        # Token and semillas masked in every exchange of every test.
        secrets = [TOKEN, *self.standin.semillas]
        for exchange in self.exchanges:
            for text in (exchange.request, exchange.response or "", exchange.error or ""):
                for secret in secrets:
                    self.assertNotIn(secret, text, exchange.operation)
        super().tearDown()

    # ------------------------------------------------------------ helpers --
    def test_run_helpers_and_code_tables(self):
        self.assertEqual(run_check_digit(20000003), "K")
        self.assertEqual(split_run("20.000.003-k"), (20000003, "K"))
        with self.assertRaises(ValueError):
            split_run("20000003-1")
        self.assertEqual(len(ADD_CODES), 7)
        self.assertEqual(len(REPORT_CODES), 10)
        self.assertEqual(len(VALIDATION_CODES), 7)
        self.assertNotIn(TOKEN, repr(SigeCredentials(1, 2, TOKEN)))
        with self.assertRaises(ValueError):
            self._add(present=["20000001-4"])

    # --------------------------------------------------------- happy path --
    def test_add_then_report_pending_then_ok(self):
        self.standin.processing_delay = 3600
        response = self._add()
        self.assertEqual(response.code, 1, response.messages)
        self.assertEqual(len(response.tracking_code), 26)
        self.assertTrue(response.tracking_code.startswith("20250312"))
        self.assertEqual(
            [e.operation for e in response.exchanges], ["getSemillaServicios", "addAsistencia"]
        )
        request = response.exchanges[1].request
        self.assertIn("<sch:EntradaAddAsistenciaSige>", request)
        self.assertIn("<soapenv:Header/>", request)
        self.assertIn("<sch:Semilla>%s</sch:Semilla>" % MASK, request)
        self.assertIn("<sch:ConvenioToken>%s<" % MASK, response.exchanges[0].request)
        self.assertEqual(response.exchanges[1].status, 200)
        report = self.client.get_reporte(RBD, response.tracking_code)
        self.assertEqual(report.code, 4)
        self.standin.advance(3601)
        report = self.client.get_reporte(RBD, response.tracking_code)
        self.assertEqual((report.code, report.messages), (1, []))
        self.exchanges += report.exchanges
        [envio] = self.standin.envio_list()
        self.assertEqual(envio["courses"][0]["absent"], ["100000001-5"])

    def test_report_with_observations(self):
        # The 4th student withdrew on the 10th: sending them is accepted and
        # observed in the report (code 2, RETIRADO O NO MATRICULADO).
        self.standin.set_roster(
            RBD, 2025, 110, 4, "A", [*RUNS[:3], (RUNS[3], "2025-03-01", "2025-03-10")]
        )
        response = self._add()
        self.assertEqual(response.code, 1)
        report = self.client.get_reporte(RBD, response.tracking_code)
        self.assertEqual(report.code, 2)
        self.assertEqual(report.title, "LISTADO DE OBSERVACIONES")
        self.assertEqual(not_enrolled_runs(report.messages), [("A", 100000001)])
        unknown = self.client.get_reporte(RBD, "")
        self.assertEqual(unknown.code, 5)

    def test_missing_students_rejected(self):
        response = self._add(present=RUNS[:1], absent=[])
        self.assertEqual(response.code, 2)
        self.assertIsNone(response.tracking_code)
        self.assertEqual(response.title, "LISTADO DE ERRORES DE VALIDACION DE NEGOCIO")
        self.assertIn(
            "LETRA CURSO (A) RECHAZADO, FALTA INFORMAR ASISTENCIA DE 3 ALUMNO(S).",
            response.messages,
        )
        self.assertEqual(
            missing_runs(response.messages),
            [("A", 20000002), ("A", 20000003), ("A", 100000001)],
        )
        self.assertFalse(self.standin.envio_list())

    def test_month_window_and_roster_change(self):
        response = self._add(day=datetime.date(2025, 2, 28))
        self.assertEqual(response.code, 2)
        self.assertIn("NO CORRESPONDE AL MES DE DECLARACION", response.messages[0])
        # Roster changed between acceptance and processing: report code 3.
        self.standin.processing_delay = 60
        accepted = self._add()
        self.standin.set_roster(RBD, 2025, 110, 4, "A", [*RUNS, format_run(20000004)])
        self.standin.advance(61)
        report = self.client.get_reporte(RBD, accepted.tracking_code)
        self.assertEqual(report.code, 3)
        self.assertEqual(missing_runs(report.messages), [("A", 20000004)])

    def test_pending_envio(self):
        self.standin.processing_delay = 600
        self.assertEqual(self._add().code, 1)
        other_grade = self._add(grado=5)
        self.assertEqual(other_grade.code, 2)
        self.assertTrue(is_pending_error(other_grade.messages))
        self.standin.advance(601)
        self.standin.inject("addAsistencia", "pending")
        injected = self._add(present=RUNS[:2], absent=RUNS[2:])
        self.assertTrue(is_pending_error(injected.messages))
        self.assertEqual(self._add(present=RUNS[:2], absent=RUNS[2:]).code, 1)

    def test_validate_student(self):
        self.standin.add_ficha(RUNS[0], "Ana María", "Pérez", "Soto")
        ok = self.client.validate_student(RBD, RUNS[0], "ANA MARIA", "PEREZ", "SOTO")
        self.assertEqual(ok.code, 1)
        self.assertIn("<sch:Nombres>ANA MARIA</sch:Nombres>", ok.exchanges[1].request)
        self.assertEqual(self.client.validate_student(RBD, RUNS[0], "ANA", "PEREZ", "SOTO").code, 2)
        self.assertEqual(self.client.validate_student(RBD, RUNS[1], "ANA", "PEREZ", "SOTO").code, 4)

    # ------------------------------------------------------------- faults --
    def test_transport_and_fault_mapping(self):
        cases = [
            ("http_500", {}, SigeTransportError, True),
            ("http_status", {"status": 503}, SigeTransportError, True),
            ("malformed_xml", {}, SigeTransportError, True),
            ("empty_body", {}, SigeTransportError, True),
            ("drop", {}, SigeTransportError, True),
            ("soap_fault", {"code": "Server"}, SigeFaultError, True),
            ("soap_fault", {"code": "Client", "string": "bad " + TOKEN}, SigeFaultError, False),
        ]
        for fault, params, exc_class, retryable in cases:
            with self.subTest(fault=fault, **params):
                self.standin.inject("addAsistencia", fault, **params)
                error = self._error(exc_class, self._add)
                self.assertEqual(error.retryable, retryable)
                self.assertEqual(error.exchanges[-1].operation, "addAsistencia")
                if exc_class is SigeTransportError:
                    self.assertTrue(error.maybe_processed)
        self.assertFalse(self.standin.envio_list())
        # Processed, then a truncated answer: recorded, maybe_processed.
        self.standin.inject("addAsistencia", "truncated")
        self.assertTrue(self._error(SigeTransportError, self._add).maybe_processed)
        self.assertEqual(len(self.standin.envio_list()), 1)
        # Faults on the semilla step: the business call was never sent.
        self.standin.inject("getSemillaServicios", "http_500")
        error = self._error(SigeTransportError, self._add)
        self.assertFalse(error.maybe_processed)
        self.assertEqual(len(error.exchanges), 1)
        self.standin.inject("getSemillaServicios", "semilla_empty")
        self.assertFalse(self._error(SigeAuthError, self._add).retryable)
        self.standin.inject("getSemillaServicios", "soap_fault", code="Client")
        self._error(SigeAuthError, self._add)
        self._error(SigeAuthError, self._add, client=self._client(token="wrong-token"))
        # Nothing listening: connection refused before sending.
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            closed_port = sock.getsockname()[1]
        dead = self._client(service_url="http://127.0.0.1:%d/x" % closed_port)
        error = self._error(SigeTransportError, self._add, client=dead)
        self.assertFalse(error.maybe_processed)
        self.assertTrue(issubclass(SigeTransportError, SigeError))

    def test_layout_variants(self):
        for fault in ("pretty", "with_header", "prefixed"):
            with self.subTest(fault=fault):
                self.standin.inject("*", fault, count=2)
                response = self._add(present=RUNS[:1], absent=[])
                self.assertEqual(response.code, 2)
                self.assertEqual(len(missing_runs(response.messages)), 3)
        self.standin.inject("*", "layout", count=2, pretty=True, header=True, prefixed=True)
        response = self._add()
        self.assertEqual(response.code, 1)
        self.assertIn("\n", response.exchanges[1].response)
        self.assertIn("<soapenv:Header/>", response.exchanges[1].response)
        self.assertIn("<ns1:SalidaAddAsistenciaSige", response.exchanges[1].response)
        # Accented texts sent as Latin-1 bytes under a UTF-8 declaration.
        self.standin.inject("addAsistencia", "latin1")
        self.standin.inject("addAsistencia", "code", code=2, messages=["AÑO CERRADO.", "OTRO."])
        response = self._add()
        self.assertEqual(response.messages, ["AÑO CERRADO.", "OTRO."])

    def test_report_polls_and_forced_outcome(self):
        self.standin.inject(
            "addAsistencia", "final", code=3, messages=["LETRA CURSO (A) RUN 1 FALTANTE."]
        )
        response = self._add()
        self.standin.inject("getReporteEnvioAsistencia", "report_not_ready", count=2)
        codes = [self.client.get_reporte(RBD, response.tracking_code).code for _i in range(4)]
        self.assertEqual(codes, [4, 4, 3, 3])
        self.assertEqual(
            [c["operation"] for c in self.standin.calls].count("getSemillaServicios"), 5
        )

    def test_semilla_expiry_renews_once(self):
        self.standin.inject("addAsistencia", "semilla_expired")
        response = self._add()
        self.assertEqual(response.code, 1)
        self.assertEqual(
            [e.operation for e in response.exchanges],
            ["getSemillaServicios", "addAsistencia"] * 2,
        )
        self.standin.inject("getReporteEnvioAsistencia", "semilla_expired")
        self.assertEqual(self.client.get_reporte(RBD, response.tracking_code).code, 1)
        # A second expiry in a row: an error, not a loop.
        self.standin.inject("getValidacion", "semilla_expired", count=5)
        error = self._error(
            SigeSemillaExpiredError, self.client.validate_student, RBD, RUNS[0], "A", "B", "C"
        )
        self.assertTrue(error.retryable)
        self.assertEqual(len(error.exchanges), 4)

    def test_read_timeout_honoured(self):
        client = self._client(read_timeout=0.3)
        self.standin.inject("addAsistencia", "timeout", seconds=1.0)
        started = time.monotonic()
        error = self._error(SigeTransportError, self._add, client=client)
        self.assertLess(time.monotonic() - started, 0.9)
        self.assertTrue(error.maybe_processed)
        self.assertIn("read timeout", error.exchanges[-1].error)
        self.standin.inject("getSemillaServicios", "timeout", seconds=1.0)
        error = self._error(SigeTransportError, self._add, client=client)
        self.assertFalse(error.maybe_processed)

    def test_drop_after_processing_then_resend(self):
        self.standin.inject("addAsistencia", "drop_after_processing")
        error = self._error(SigeTransportError, self._add)
        self.assertTrue(error.maybe_processed)
        self.assertTrue(error.retryable)
        [envio] = self.standin.envio_list()
        # STAND-IN ONLY rule: the identical resend names the recorded envío.
        response = self._add()
        self.assertEqual(response.code, 2)
        self.assertEqual(response.existing_tracking_code, envio["code"])
        # A different payload is a new envío that replaces it.
        changed = self._add(present=RUNS[:2], absent=RUNS[2:])
        self.assertEqual(changed.code, 1)
        [(key, envios)] = self.standin.accepted_by_key().items()
        self.assertEqual(key, (RBD, 2025, 110, 4, DAY))
        self.assertEqual([e["replaced_by"] for e in envios], [changed.tracking_code, None])

    def test_admin_api(self):
        base = self.standin.base_url + "/_standin/"
        answer = requests.post(
            base + "inject",
            json={"operation": "addAsistencia", "fault": "code", "code": 7},
            timeout=5,
        )
        self.assertEqual(answer.status_code, 200)
        response = self._add()
        self.assertEqual((response.code, response.retryable), (7, True))
        self.assertEqual(self._add().code, 1)
        envios = requests.get(base + "envios", timeout=5).json()
        self.assertEqual(envios[0]["date"], "2025-03-12")
        state = requests.get(base + "state", timeout=5).json()
        self.assertNotIn(TOKEN, str(state))
        wsdl = requests.get(
            self.standin.base_url + "/WsApiMineduc/wsdl/AsistenciaSigeSoapPort.wsdl", timeout=5
        )
        self.assertIn(self.standin.service_url, wsdl.text)
