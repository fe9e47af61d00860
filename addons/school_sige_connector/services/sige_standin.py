# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stand-in of Mineduc's SIGE SOAP services, for tests and demos (no Odoo
import). Section 10 of /work/shared/research/sige-interface.md.

A werkzeug WSGI application served in a thread on 127.0.0.1 (port 0 = a
free port)::

    with SigeStandIn(processing_delay=0) as standin:
        standin.add_convenio(99, 999, "TOKEN", rbds=[12345])
        standin.set_roster(12345, 2025, 110, 4, "A", ["20000001-3", ...])
        client = SigeClient(creds, standin.auth_url, standin.service_url)

Wire format mirrors the 2019 captures (section 1.2 / 10.1): XML declaration,
``soapenv`` prefix, ``xsd``/``xsi`` on the Envelope, no Header, default
namespace on ``Salida...``, no whitespace, ``xsi:type`` on ``Mensaje``,
HTTP 200 for every business code; schema violations are SOAP 1.1 Client
faults with HTTP 500. Behaviour marked "STAND-IN ONLY" is invented where the
real one is unknown (section 11).

A JSON admin API under ``/_standin/`` drives a separately running instance
(``./school sige-standin``): GET ``state``, ``envios``; POST ``inject``,
``clock``, ``roster``, ``fichas``, ``convenio``, ``rbd``, ``reset_injections``.
"""

import argparse
import contextlib
import datetime
import json
import logging
import random
import secrets
import socket
import sys
import threading
import time
import unicodedata
from pathlib import Path

from lxml import etree
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from .sige_client import (
    DIDO_NS,
    PENDING_MESSAGE,
    SOAP_ENV_NS,
    WSDL_DIR,
    WWWFS_NS,
    run_check_digit,
    split_run,
)

_logger = logging.getLogger(__name__)

XSD_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# path -> (app, port name); section 10.1.
PORTS = {
    "/WsApiAutorizacion/services/SemillaServiciosSoapPort": "SemillaServiciosSoapPort",
    "/WsApiMineduc/services/AsistenciaSigeSoapPort": "AsistenciaSigeSoapPort",
    "/WsApiMineduc/services/ValidaAlumnoSigeSoapPort": "ValidaAlumnoSigeSoapPort",
}
# (Entrada local name, namespace) -> (operation, port).
OPERATIONS = {
    ("EntradaSemillaServicios", WWWFS_NS): ("getSemillaServicios", "SemillaServiciosSoapPort"),
    ("EntradaAddAsistenciaSige", DIDO_NS): ("addAsistencia", "AsistenciaSigeSoapPort"),
    ("EntradaGetReporteEnvioAsistenciaSige", DIDO_NS): (
        "getReporteEnvioAsistencia",
        "AsistenciaSigeSoapPort",
    ),
    ("EntradaValidaAlumnoSige", WWWFS_NS): ("getValidacion", "ValidaAlumnoSigeSoapPort"),
}
SEMILLA_EXPIRED_CODE = {"addAsistencia": 6, "getReporteEnvioAsistencia": 9, "getValidacion": 6}

TITLE_BUSINESS = "LISTADO DE ERRORES DE VALIDACION DE NEGOCIO"
TITLE_OBSERVATIONS = "LISTADO DE OBSERVACIONES"
# STAND-IN ONLY: the Titulo of report code 3 is unknown (section 11.6).
TITLE_ERRORS = "LISTADO DE ERRORES"

FAULTS = {
    "timeout",
    "http_500",
    "http_status",
    "malformed_xml",
    "truncated",
    "empty_body",
    "soap_fault",
    "semilla_expired",
    "semilla_empty",
    "code",
    "pending",
    "report_not_ready",
    "drop",
    "drop_after_processing",
    "final",
    "layout",
    "pretty",
    "with_header",
    "prefixed",
    "latin1",
}
# Faults that modify the answer and let the request be processed.
_MODIFIERS = {
    "timeout",
    "layout",
    "pretty",
    "with_header",
    "prefixed",
    "latin1",
    "final",
    "drop_after_processing",
    "truncated",
}


class _SchemaError(Exception):
    pass


class _Drop(ConnectionAbortedError):
    """Raised after closing the client socket: werkzeug treats it as a
    dropped connection and writes nothing."""


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-"):
        _logger.debug("stand-in %s %s", self.requestline, code)


def _d(value):
    if value in (None, "", False):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _normalize_name(text):
    text = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).upper().split())


class SigeStandIn:
    """The stand-in server and its state (section 10.2).

    processing_delay: seconds (of the stand-in clock) between acceptance and
    the report leaving code 4. semilla_ttl: semilla lifetime in seconds.
    lenient: a course without roster accepts any RUNs (demos). pending_scope:
    default scope of "EXISTE UN ENVIO PENDIENTE." ("rbd", "grade" or "key").
    timeout_sleep: default sleep of the ``timeout`` fault. bad_credentials:
    answer to a wrong token: "fault" (Client fault), "empty" (empty
    ValorSemilla) or "http_500".
    """

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        *,
        processing_delay=0.0,
        semilla_ttl=1800.0,
        lenient=False,
        pending_scope="rbd",
        timeout_sleep=2.0,
        bad_credentials="fault",
    ):
        self.host = host
        self.port = port
        self.processing_delay = processing_delay
        self.semilla_ttl = semilla_ttl
        self.lenient = lenient
        self.pending_scope = pending_scope
        self.timeout_sleep = timeout_sleep
        self.bad_credentials = bad_credentials
        self.service_enabled = True
        self.clientes = {}
        self.convenios = {}
        self.rbds = {}
        self.rosters = {}
        self.fichas = {}
        self.semillas = {}
        self.envios = {}
        self.calls = []
        self._injections = []
        self._injection_seq = 0
        self._envio_seq = 0
        self._frozen_now = None
        self._offset = datetime.timedelta(0)
        self._lock = threading.RLock()
        self._server = None
        self._thread = None

    # ------------------------------------------------------------ server --
    def start(self):
        """Serve in a daemon thread; return the base URL."""
        self._server = make_server(
            self.host, self.port, self, threaded=True, request_handler=_QuietHandler
        )
        self.port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="sige-standin",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = self._thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    @property
    def base_url(self):
        return "http://%s:%s" % (self.host, self.port)

    @property
    def auth_url(self):
        return self.base_url + "/WsApiAutorizacion/services"

    @property
    def service_url(self):
        return self.base_url + "/WsApiMineduc/services"

    # ------------------------------------------------------------- state --
    def add_convenio(self, cliente_id, convenio_id, token, rbds=(), active=True):
        with self._lock:
            self.clientes[int(cliente_id)] = {"active": True}
            self.convenios[int(convenio_id)] = {
                "cliente_id": int(cliente_id),
                "token": token,
                "rbds": {int(r) for r in rbds},
                "active": active,
            }
            for rbd in rbds:
                self.rbds.setdefault(int(rbd), self._rbd_defaults())

    @staticmethod
    def _rbd_defaults():
        return {"enabled": True, "open_months": None, "pending_scope": None}

    def add_rbd(self, rbd, enabled=True, open_months=None, pending_scope=None):
        """open_months: iterable of (year, month) open for declaration; None
        means the month of the stand-in's today."""
        with self._lock:
            self.rbds[int(rbd)] = {
                "enabled": enabled,
                "open_months": {tuple(m) for m in open_months} if open_months else None,
                "pending_scope": pending_scope,
            }

    def set_roster(self, rbd, year, tipo, grado, letter, students):
        """students: RUN strings or (run, enrolled_from, withdrawn_on)."""
        roster = []
        for student in students:
            if isinstance(student, list | tuple):
                run, enrolled_from, withdrawn_on = (list(student) + [None, None])[:3]
            else:
                run, enrolled_from, withdrawn_on = student, None, None
            number, dv = split_run(run)
            roster.append((number, dv, _d(enrolled_from), _d(withdrawn_on)))
        with self._lock:
            self.rosters[(int(rbd), int(year), int(tipo), int(grado), letter)] = roster
            self.rbds.setdefault(int(rbd), self._rbd_defaults())

    def add_ficha(self, run, nombres, apellido_paterno, apellido_materno):
        number, _dv = split_run(run)
        with self._lock:
            self.fichas[number] = (nombres, apellido_paterno, apellido_materno)

    # ------------------------------------------------------------- clock --
    def now(self):
        if self._frozen_now is not None:
            return self._frozen_now
        return datetime.datetime.now() + self._offset

    def today(self):
        return self.now().date()

    def set_now(self, value):
        """Freeze the clock at a datetime (or a date, at 08:00)."""
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(_d(value), datetime.time(8, 0))
        self._frozen_now = value

    def advance(self, seconds=0.0, **kwargs):
        """Move the clock forward (timedelta keyword arguments accepted)."""
        delta = datetime.timedelta(seconds=seconds, **kwargs)
        if self._frozen_now is not None:
            self._frozen_now += delta
        else:
            self._offset += delta

    def use_real_clock(self):
        self._frozen_now = None
        self._offset = datetime.timedelta(0)

    # -------------------------------------------------------- inspection --
    def envio_list(self, rbd=None):
        """Copies of the accepted envíos, oldest first."""
        with self._lock:
            return [
                dict(e)
                for e in sorted(self.envios.values(), key=lambda e: e["seq"])
                if rbd is None or e["rbd"] == int(rbd)
            ]

    def accepted_by_key(self):
        """{(rbd, year, tipo, grado, date): [envío, ...]} of accepted envíos,
        so tests can assert "none accepted twice" and "no day lost"."""
        result = {}
        for envio in self.envio_list():
            result.setdefault(envio["key"], []).append(envio)
        return result

    def expire_semillas(self):
        with self._lock:
            self.semillas.clear()

    # ---------------------------------------------------------- injection --
    def inject(self, operation, fault, count=1, rbd=None, probability=None, seed=None, **params):
        """Inject ``fault`` into the next ``count`` matching calls of
        ``operation`` ("*" = any; count None = unlimited), optionally only
        for ``rbd`` and with a ``probability`` (random.Random(seed)).

        Faults and their params: timeout (seconds, then processed normally),
        http_500 / http_status (status, body), malformed_xml, truncated
        (processed, then half the answer), empty_body, soap_fault (code
        "Client"/"Server", string), semilla_expired, semilla_empty, code
        (code, messages, title), pending, report_not_ready, drop (no
        processing), drop_after_processing (processed and recorded, then the
        socket is closed), final (code, messages: outcome of the next
        accepted envío), layout (pretty, header, prefixed, latin1) and the
        shortcuts pretty / with_header / prefixed / latin1.
        """
        if fault not in FAULTS:
            raise ValueError("Unknown fault %r" % fault)
        with self._lock:
            self._injection_seq += 1
            self._injections.append(
                {
                    "id": self._injection_seq,
                    "operation": operation,
                    "fault": fault,
                    "count": count,
                    "rbd": int(rbd) if rbd is not None else None,
                    "probability": probability,
                    "rng": random.Random(seed),
                    "params": params,
                }
            )
            return self._injection_seq

    def clear_injections(self):
        with self._lock:
            self._injections.clear()

    def _take_injections(self, operation, rbd):
        taken = []
        with self._lock:
            for inj in list(self._injections):
                if inj["operation"] not in ("*", operation):
                    continue
                if inj["rbd"] is not None and inj["rbd"] != rbd:
                    continue
                if inj["probability"] is not None and inj["rng"].random() >= inj["probability"]:
                    continue
                taken.append(inj)
                if inj["count"] is not None:
                    inj["count"] -= 1
                    if inj["count"] <= 0:
                        self._injections.remove(inj)
                if inj["fault"] not in _MODIFIERS:
                    break
        return taken

    # -------------------------------------------------------------- WSGI --
    def __call__(self, environ, start_response):
        request = Request(environ)
        try:
            response = self._dispatch(request, environ)
        except _Drop:
            raise
        except Exception:  # the stand-in must answer like a server would
            _logger.exception("SIGE stand-in internal error")
            response = Response("internal error", status=500, content_type="text/plain")
        return response(environ, start_response)

    def _dispatch(self, request, environ):
        path = request.path.rstrip("/")
        if path.startswith("/_standin/"):
            return self._admin(request, path[len("/_standin/") :])
        if request.method == "GET":
            return self._wsdl(request, path)
        port = PORTS.get(path)
        if request.method != "POST" or port is None:
            return Response("not found", status=404, content_type="text/plain")
        return self._soap(request, environ, port)

    def _wsdl(self, request, path):
        name = None
        if "/wsdl/" in path and path.endswith(".wsdl"):
            name = path.rsplit("/", 1)[1][: -len(".wsdl")]
        elif path in PORTS and "wsdl" in request.args:
            name = PORTS[path]
        if name not in PORTS.values():
            return Response("not found", status=404, content_type="text/plain")
        text = (WSDL_DIR / ("%s.wsdl" % name)).read_text(encoding="utf-8")
        text = text.replace("http://w7app.mineduc.cl", self.base_url)
        return Response(text, content_type="text/xml; charset=utf-8")

    # -------------------------------------------------------------- SOAP --
    def _soap(self, request, environ, port):
        data = request.get_data()
        try:
            entrada = self._entrada(data)
            operation, expected_port = OPERATIONS[
                (etree.QName(entrada).localname, etree.QName(entrada).namespace)
            ]
            if expected_port != port:
                raise _SchemaError("operation not offered by this port")
        except (_SchemaError, KeyError) as err:
            return self._fault("Client", "Request not valid: %s" % (err,))
        return self._soap_operation(entrada, operation, environ)

    def _soap_operation(self, entrada, operation, environ):
        rbd = self._int_opt(entrada, "RBD")
        injections = self._take_injections(operation, rbd)
        layout = {}
        after = None
        final = None
        terminal = None
        for inj in injections:
            fault, params = inj["fault"], inj["params"]
            if fault == "timeout":
                time.sleep(float(params.get("seconds", self.timeout_sleep)))
            elif fault in ("layout", "pretty", "with_header", "prefixed", "latin1"):
                layout.update(
                    params
                    if fault == "layout"
                    else {{"with_header": "header"}.get(fault, fault): True}
                )
            elif fault == "final":
                final = params
            elif fault in ("drop_after_processing", "truncated"):
                after = fault
            else:
                terminal = inj
        with self._lock:
            self.calls.append(
                {
                    "operation": operation,
                    "rbd": rbd,
                    "at": self.now().isoformat(),
                    "faults": [i["fault"] for i in injections],
                }
            )
            del self.calls[:-1000]  # a long-running demo keeps the last 1000
        if terminal is not None:
            response = self._apply_fault(terminal, operation, environ, layout)
            if response is not None:
                return response
        try:
            handler = getattr(self, "_op_%s" % operation)
            with self._lock:
                salida = handler(entrada, final=final)
        except _CredentialError:
            if self.bad_credentials == "http_500":
                return Response(
                    "<html><body>Error 500</body></html>", status=500, content_type="text/html"
                )
            return self._fault("Client", "Invalid credentials")
        except _SchemaError as err:
            return self._fault("Client", "Request not valid: %s" % (err,))
        if after == "drop_after_processing":
            self._drop(environ)
        if after == "truncated":
            # Processed, then only half of the answer arrives.
            full = self._serialize(salida, layout)
            return Response(full[: len(full) // 2], content_type="text/xml; charset=utf-8")
        return self._answer(salida, layout)

    def _entrada(self, data):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        try:
            root = etree.fromstring((data or b"").strip(), parser=parser)
        except etree.XMLSyntaxError as err:
            raise _SchemaError("malformed XML (%s)" % err) from None
        if root.tag != "{%s}Envelope" % SOAP_ENV_NS:
            raise _SchemaError("not a SOAP 1.1 envelope")
        body = root.find("{%s}Body" % SOAP_ENV_NS)
        if body is None:
            raise _SchemaError("no Body")
        entrada = next((c for c in body if isinstance(c.tag, str)), None)
        if entrada is None:
            raise _SchemaError("empty Body")
        return entrada

    def _apply_fault(self, inj, operation, environ, layout):
        fault, params = inj["fault"], inj["params"]
        if fault in ("http_500", "http_status"):
            status = int(params.get("status", 500))
            body = params.get(
                "body",
                "<html><head><title>%s Error</title></head><body><h1>Error %s</h1>"
                "<p>Internal Server Error</p></body></html>" % (status, status),
            )
            return Response(body, status=status, content_type="text/html")
        if fault == "malformed_xml":
            return Response(
                '<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv='
                '"%s"><soapenv:Body><Salida>&&&</Body>' % SOAP_ENV_NS,
                content_type="text/xml; charset=utf-8",
            )
        if fault == "empty_body":
            return Response(b"", content_type="text/xml; charset=utf-8")
        if fault == "soap_fault":
            return self._fault(params.get("code", "Server"), params.get("string", "Internal error"))
        if fault == "drop":
            self._drop(environ)
        if fault == "semilla_empty":
            return self._answer(("SemillaServicios", WWWFS_NS, [("ValorSemilla", "")]), layout)
        if operation == "getSemillaServicios":
            return None
        if fault == "semilla_expired":
            code = SEMILLA_EXPIRED_CODE[operation]
            return self._answer(self._salida_for_code(operation, code), layout)
        if fault == "code":
            salida = self._salida_for_code(
                operation,
                int(params["code"]),
                params.get("messages") or [],
                params.get("title"),
                params.get("tracking_code"),
            )
            return self._answer(salida, layout)
        if fault == "pending" and operation == "addAsistencia":
            return self._answer(
                self._salida_for_code(operation, 2, [PENDING_MESSAGE], TITLE_BUSINESS), layout
            )
        if fault == "report_not_ready" and operation == "getReporteEnvioAsistencia":
            return self._answer(self._salida_for_code(operation, 4), layout)
        return None

    @staticmethod
    def _drop(environ):
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        raise _Drop("stand-in dropped the connection")

    # --------------------------------------------------------- operations --
    def _semilla_ok(self, entrada):
        value = self._text(entrada, "Semilla")
        semilla = self.semillas.get(value)
        if not semilla:
            return False
        age = (self.now() - semilla["issued_at"]).total_seconds()
        return age <= self.semilla_ttl

    def _rbd_ok(self, entrada, rbd):
        """(in convenio, enabled) for the convenio of the request's semilla."""
        semilla = self.semillas[self._text(entrada, "Semilla")]
        convenio = self.convenios.get(semilla["convenio_id"]) or {}
        info = self.rbds.get(rbd) or {}
        return rbd in convenio.get("rbds", ()), bool(info.get("enabled"))

    def _op_getSemillaServicios(self, entrada, final=None):
        cliente = self._int(entrada, "ClienteId")
        convenio_id = self._int(entrada, "ConvenioId")
        token = self._text(entrada, "ConvenioToken")
        convenio = self.convenios.get(convenio_id)
        if (
            not self.clientes.get(cliente, {}).get("active")
            or not convenio
            or not convenio["active"]
            or convenio["cliente_id"] != cliente
            or not secrets.compare_digest(convenio["token"] or "", token or "")
        ):
            # Section 10.3: the real answer to bad credentials is unknown.
            if self.bad_credentials == "empty":
                return ("SemillaServicios", WWWFS_NS, [("ValorSemilla", "")])
            raise _CredentialError()
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        value = "".join(secrets.choice(alphabet) for _i in range(32))
        self.semillas[value] = {"convenio_id": convenio_id, "issued_at": self.now()}
        return ("SemillaServicios", WWWFS_NS, [("ValorSemilla", value)])

    def _op_addAsistencia(self, entrada, final=None):
        record = self._child(entrada, "RecordAsistenciaSige")
        year = self._int(record, "AnioEscolar")
        rbd = self._int(record, "RBD")
        tipo = self._int(record, "CodigoTipoEnsenanza")
        grado = self._int(record, "CodigoGrado")
        try:
            day = datetime.date.fromisoformat(self._text(record, "FechaAsistencia") or "")
        except ValueError:
            raise _SchemaError("FechaAsistencia is not a date") from None
        courses = []
        for curso in self._child(record, "Cursos"):
            if not isinstance(curso.tag, str):
                continue
            letter = (self._text(curso, "LetraCurso") or "").strip()
            present = self._runs(self._child(curso, "Presentes"))
            absent = self._runs(self._child(curso, "Ausentes"))
            courses.append((letter, present, absent))
        if not courses:
            raise _SchemaError("Cursos without Curso")
        self._text(entrada, "Semilla")
        name = "SalidaAddAsistenciaSige"
        if not self.service_enabled:
            return self._salida_for_code("addAsistencia", 5)
        if not self._semilla_ok(entrada):
            return self._salida_for_code("addAsistencia", 6)
        in_convenio, enabled = self._rbd_ok(entrada, rbd)
        if not in_convenio:
            return self._salida_for_code("addAsistencia", 4)
        if not enabled:
            return self._salida_for_code("addAsistencia", 3)
        key = (rbd, year, tipo, grado, day)
        payload = tuple(
            sorted((letter, tuple(sorted(p)), tuple(sorted(a))) for letter, p, a in courses)
        )
        # STAND-IN ONLY (section 11.9: whether a resend replaces the earlier
        # data is unknown): an identical resend of the latest accepted envío
        # for the key is refused and names that envío; a different payload is
        # accepted as a new envío that replaces the earlier one.
        latest = self._latest_for_key(key)
        if latest is not None and latest["payload"] == payload:
            return self._salida(
                name,
                2,
                messages=[
                    "YA EXISTE UN ENVIO (%s) CON LA MISMA ASISTENCIA PARA LA FECHA (%s)."
                    % (latest["code"], day.isoformat())
                ],
                title=TITLE_BUSINESS,
            )
        messages = self._business_messages(key, courses)
        if messages:
            return self._salida(name, 2, messages=messages, title=TITLE_BUSINESS)
        return self._accept(key, courses, payload, latest, final)

    def _business_messages(self, key, courses):
        rbd, year, tipo, grado, day = key
        messages = []
        info = self.rbds.get(rbd) or {}
        today = self.today()
        open_months = info.get("open_months") or {(today.year, today.month)}
        if (day.year, day.month) not in open_months:
            messages += [
                "FECHA DE ASISTENCIA (%s) NO CORRESPONDE AL MES DE DECLARACION DE ASISTENCIA."
                % day.isoformat()
            ] * len(courses)
        elif day > today:
            # STAND-IN ONLY text (section 11.7).
            messages.append("FECHA DE ASISTENCIA (%s) ES POSTERIOR A LA FECHA ACTUAL." % day)
        if year != day.year:
            # STAND-IN ONLY text (section 11.7).
            messages.append(
                "ANIO ESCOLAR (%s) NO CORRESPONDE A LA FECHA DE ASISTENCIA (%s)." % (year, day)
            )
        if self._pending_in_scope(key, info.get("pending_scope") or self.pending_scope):
            messages.append(PENDING_MESSAGE)
        for letter, present, absent in courses:
            messages += self._course_messages(key, letter, present, absent)
        return messages

    def _course_messages(self, key, letter, present, absent):
        rbd, year, tipo, grado, day = key
        messages = []
        sent = list(present) + list(absent)
        seen = set()
        for number, dv in sent:
            if run_check_digit(number) != dv:
                # STAND-IN ONLY text (section 11.7).
                messages.append("LETRA CURSO (%s) RUN %s DV INVALIDO." % (letter, number))
            if number in seen:
                # STAND-IN ONLY text (section 11.7).
                messages.append(
                    "LETRA CURSO (%s) RUN %s INFORMADO MAS DE UNA VEZ." % (letter, number)
                )
            seen.add(number)
        roster = self.rosters.get((rbd, year, tipo, grado, letter))
        if roster is None:
            if not self.lenient:
                # STAND-IN ONLY text (section 11.7).
                messages.append("LETRA CURSO (%s) NO EXISTE EN SIGE." % letter)
            return messages
        missing = [
            number
            for number, _dv, start, end in roster
            if self._enrolled(start, end, day) and number not in seen
        ]
        if missing:
            messages.append(
                "LETRA CURSO (%s) RECHAZADO, FALTA INFORMAR ASISTENCIA DE %d ALUMNO(S)."
                % (letter, len(missing))
            )
            messages += ["LETRA CURSO (%s) RUN %s FALTANTE." % (letter, n) for n in missing]
        return messages

    @staticmethod
    def _enrolled(start, end, day):
        # Enrolled on D: enrolled on or before D and not withdrawn on or
        # before D (section 4, S-PROC query).
        return (start is None or start <= day) and (end is None or day < end)

    def _pending_in_scope(self, key, scope):
        now = self.now()
        for envio in self.envios.values():
            if envio["ready_at"] <= now or envio.get("replaced_by"):
                continue
            other = envio["key"]
            if scope == "key" and other == key:
                return True
            if scope == "grade" and other[:4] == key[:4]:
                return True
            if scope == "rbd" and other[0] == key[0]:
                return True
        return False

    def _latest_for_key(self, key):
        same = [e for e in self.envios.values() if e["key"] == key]
        return max(same, key=lambda e: e["seq"]) if same else None

    def _accept(self, key, courses, payload, latest, final):
        now = self.now()
        self._envio_seq += 1
        # Section 2: 26 digits, submission date + time + a 12-digit sequence
        # (format partly assumed).
        code = "%s%012d" % (now.strftime("%Y%m%d%H%M%S"), self._envio_seq)
        envio = {
            "code": code,
            "seq": self._envio_seq,
            "rbd": key[0],
            "key": key,
            "payload": payload,
            "courses": [
                {
                    "letter": letter,
                    "present": ["%d-%s" % r for r in present],
                    "absent": ["%d-%s" % r for r in absent],
                }
                for letter, present, absent in courses
            ],
            "created_at": now,
            "ready_at": now + datetime.timedelta(seconds=self.processing_delay),
            "final_code": None,
            "final_messages": [],
            "forced": dict(final) if final else None,
            "replaced_by": None,
            "replaces": latest["code"] if latest else None,
        }
        if latest is not None:
            latest["replaced_by"] = code
        self.envios[code] = envio
        return self._salida("SalidaAddAsistenciaSige", 1, tracking_code=code)

    def _op_getReporteEnvioAsistencia(self, entrada, final=None):
        rbd = self._int(entrada, "RBD")
        code = self._text(entrada, "CodigoEnvioAsistencia") or ""
        self._text(entrada, "Semilla")
        if not self.service_enabled:
            return self._salida_for_code("getReporteEnvioAsistencia", 8)
        if not self._semilla_ok(entrada):
            return self._salida_for_code("getReporteEnvioAsistencia", 9)
        in_convenio, enabled = self._rbd_ok(entrada, rbd)
        if not in_convenio:
            return self._salida_for_code("getReporteEnvioAsistencia", 7)
        if not enabled:
            return self._salida_for_code("getReporteEnvioAsistencia", 6)
        envio = self.envios.get(code)
        if envio is None or envio["rbd"] != rbd:
            return self._salida_for_code("getReporteEnvioAsistencia", 5)
        if self.now() < envio["ready_at"]:
            return self._salida_for_code("getReporteEnvioAsistencia", 4)
        if envio["final_code"] is None:
            self._process(envio)
        title = {2: TITLE_OBSERVATIONS, 3: TITLE_ERRORS}.get(envio["final_code"])
        return self._salida_for_code(
            "getReporteEnvioAsistencia",
            envio["final_code"],
            envio["final_messages"],
            envio.get("final_title") or title,
        )

    def _process(self, envio):
        """Compute the outcome once, against the roster as it is now
        (section 10.3 getReporte 8)."""
        if envio["forced"]:
            envio["final_code"] = int(envio["forced"].get("code", 3))
            envio["final_messages"] = list(envio["forced"].get("messages") or [])
            envio["final_title"] = envio["forced"].get("title")
            return
        rbd, year, tipo, grado, day = envio["key"]
        observations, errors = [], []
        for course in envio["courses"]:
            letter = course["letter"]
            roster = self.rosters.get((rbd, year, tipo, grado, letter))
            if roster is None:
                continue
            enrolled = {n for n, _dv, s, e in roster if self._enrolled(s, e, day)}
            sent = {split_run(r)[0] for r in course["present"] + course["absent"]}
            for number in sorted(sent - enrolled):
                observations.append(
                    "LETRA CURSO (%s) RUN %s RETIRADO O NO MATRICULADO." % (letter, number)
                )
            for number in sorted(enrolled - sent):
                errors.append("LETRA CURSO (%s) RUN %s FALTANTE." % (letter, number))
        if errors:
            envio["final_code"], envio["final_messages"] = 3, errors
        elif observations:
            envio["final_code"], envio["final_messages"] = 2, observations
        else:
            envio["final_code"], envio["final_messages"] = 1, []

    def _op_getValidacion(self, entrada, final=None):
        run = self._child(entrada, "Run")
        number = self._int(run, "numero")
        dv = (self._text(run, "dv") or "").upper()
        names = tuple(
            self._text(entrada, field) or ""
            for field in ("Nombres", "ApellidoPaterno", "ApellidoMaterno")
        )
        self._text(entrada, "Semilla")
        if not self._semilla_ok(entrada):
            return self._salida_for_code("getValidacion", 6)
        if run_check_digit(number) != dv:
            return self._salida_for_code("getValidacion", 5)
        ficha = self.fichas.get(number)
        if ficha is None:
            return self._salida_for_code("getValidacion", 4)
        # Comparison case- and accent-insensitive (section 10.3, [U]).
        if tuple(map(_normalize_name, ficha)) != tuple(map(_normalize_name, names)):
            return self._salida_for_code("getValidacion", 2)
        return self._salida_for_code("getValidacion", 1)

    # ------------------------------------------------------ XML helpers --
    @staticmethod
    def _child(parent, name):
        for child in parent:
            if isinstance(child.tag, str) and etree.QName(child).localname == name:
                return child
        raise _SchemaError("missing element %s" % name)

    def _text(self, parent, name):
        return (self._child(parent, name).text or "").strip()

    def _int(self, parent, name):
        value = self._text(parent, name)
        if not value.isdigit():
            raise _SchemaError("%s is not an integer" % name)
        return int(value)

    def _int_opt(self, parent, name):
        for node in parent.iter():
            if isinstance(node.tag, str) and etree.QName(node).localname == name:
                text = (node.text or "").strip()
                return int(text) if text.isdigit() else None
        return None

    def _runs(self, parent):
        runs = []
        for run in parent:
            if not isinstance(run.tag, str):
                continue
            number = self._int(run, "numero")
            dv = self._text(run, "dv")
            if len(dv) != 1 or dv.upper() not in "0123456789K":
                raise _SchemaError("dv must be 0-9 or K")
            runs.append((number, dv.upper()))
        return runs

    @staticmethod
    def _salida(name, code, tracking_code=None, messages=None, title=None):
        code_field = {
            "SalidaAddAsistenciaSige": "CodigoRespuestaAsistencia",
            "SalidaGetReporteEnvioAsistenciaSige": "CodigoRespuestaReporteEnvioAsistencia",
            "SalidaValidaAlumnoSige": "ExisteFichaAlumno",
        }[name]
        namespace = WWWFS_NS if name == "SalidaValidaAlumnoSige" else DIDO_NS
        fields = [(code_field, str(code))]
        if tracking_code:
            fields.append(("CodigoEnvioAsistencia", tracking_code))
        if messages:
            fields.append(("ListadoMensajes", (title or TITLE_BUSINESS, list(messages))))
        return (name, namespace, fields)

    def _salida_for_code(self, operation, code, messages=None, title=None, tracking_code=None):
        if operation == "getSemillaServicios":
            return ("SemillaServicios", WWWFS_NS, [("ValorSemilla", "X" * 32)])
        name = {
            "addAsistencia": "SalidaAddAsistenciaSige",
            "getReporteEnvioAsistencia": "SalidaGetReporteEnvioAsistenciaSige",
            "getValidacion": "SalidaValidaAlumnoSige",
        }[operation]
        if code == 1 and operation == "addAsistencia" and not tracking_code:
            tracking_code = "%s%012d" % (self.now().strftime("%Y%m%d%H%M%S"), 0)
        return self._salida(name, code, tracking_code, messages, title)

    @staticmethod
    def _serialize(salida, layout):
        name, namespace, fields = salida
        envelope = etree.Element(
            "{%s}Envelope" % SOAP_ENV_NS,
            nsmap={"soapenv": SOAP_ENV_NS, "xsd": XSD_NS, "xsi": XSI_NS},
        )
        if layout.get("header"):
            etree.SubElement(envelope, "{%s}Header" % SOAP_ENV_NS)
        body = etree.SubElement(envelope, "{%s}Body" % SOAP_ENV_NS)
        prefix = "ns1" if layout.get("prefixed") else None
        element = etree.SubElement(body, "{%s}%s" % (namespace, name), nsmap={prefix: namespace})
        for field, value in fields:
            node = etree.SubElement(element, "{%s}%s" % (namespace, field))
            if field == "ListadoMensajes":
                title, messages = value
                etree.SubElement(node, "{%s}Titulo" % namespace).text = title
                for message in messages:
                    mensaje = etree.SubElement(node, "{%s}Mensaje" % namespace)
                    mensaje.set("{%s}type" % XSI_NS, "xsd:string")
                    mensaje.text = message
            else:
                node.text = value
        xml = etree.tostring(envelope, encoding="utf-8", pretty_print=bool(layout.get("pretty")))
        if layout.get("latin1"):
            # Declared UTF-8, sent as Latin-1 (section 10.4 encoding robustness).
            xml = xml.decode("utf-8").encode("latin-1", errors="replace")
        return (
            b'<?xml version="1.0" encoding="utf-8"?>'
            + (b"\n" if layout.get("pretty") else b"")
            + xml
        )

    def _answer(self, salida, layout):
        return Response(self._serialize(salida, layout), content_type="text/xml; charset=utf-8")

    @staticmethod
    def _fault(code, string):
        envelope = etree.Element(
            "{%s}Envelope" % SOAP_ENV_NS,
            nsmap={"soapenv": SOAP_ENV_NS, "xsd": XSD_NS, "xsi": XSI_NS},
        )
        fault = etree.SubElement(
            etree.SubElement(envelope, "{%s}Body" % SOAP_ENV_NS), "{%s}Fault" % SOAP_ENV_NS
        )
        etree.SubElement(fault, "faultcode").text = "soapenv:%s" % code
        etree.SubElement(fault, "faultstring").text = string
        xml = b'<?xml version="1.0" encoding="utf-8"?>' + etree.tostring(envelope, encoding="utf-8")
        return Response(xml, status=500, content_type="text/xml; charset=utf-8")

    # -------------------------------------------------------------- admin --
    def state(self):
        """JSON-friendly snapshot (no tokens)."""
        with self._lock:
            return {
                "now": self.now().isoformat(),
                "processing_delay": self.processing_delay,
                "lenient": self.lenient,
                "pending_scope": self.pending_scope,
                "service_enabled": self.service_enabled,
                "convenios": {
                    str(k): {"cliente_id": v["cliente_id"], "rbds": sorted(v["rbds"])}
                    for k, v in self.convenios.items()
                },
                "rbds": {
                    str(k): {"enabled": v["enabled"], "pending_scope": v["pending_scope"]}
                    for k, v in self.rbds.items()
                },
                "rosters": [
                    {
                        "rbd": k[0],
                        "year": k[1],
                        "tipo": k[2],
                        "grado": k[3],
                        "letter": k[4],
                        "students": len(v),
                    }
                    for k, v in self.rosters.items()
                ],
                "injections": [
                    {x: i[x] for x in ("id", "operation", "fault", "count", "rbd", "params")}
                    for i in self._injections
                ],
                "calls": len(self.calls),
            }

    def _envios_json(self):
        return [
            {
                "code": e["code"],
                "rbd": e["rbd"],
                "year": e["key"][1],
                "tipo": e["key"][2],
                "grado": e["key"][3],
                "date": e["key"][4].isoformat(),
                "courses": e["courses"],
                "created_at": e["created_at"].isoformat(),
                "ready_at": e["ready_at"].isoformat(),
                "final_code": e["final_code"],
                "final_messages": e["final_messages"],
                "replaced_by": e["replaced_by"],
            }
            for e in self.envio_list()
        ]

    def _admin(self, request, action):
        data = request.get_json(force=True, silent=True) or {}
        handler = {
            ("GET", "state"): lambda data: self.state(),
            ("GET", "envios"): lambda data: self._envios_json(),
            ("POST", "inject"): self._admin_inject,
            ("POST", "reset_injections"): lambda data: self.clear_injections() or {},
            ("POST", "clock"): self._admin_clock,
            ("POST", "roster"): lambda data: self.load_fixtures({"rosters": [data]}) or {},
            ("POST", "fichas"): lambda data: self.load_fixtures(
                {"fichas": data.get("fichas") or [data]}
            )
            or {},
            ("POST", "convenio"): lambda data: self.load_fixtures({"convenio": data}) or {},
            ("POST", "rbd"): lambda data: self.load_fixtures({"rbds": [data]}) or {},
            ("POST", "settings"): self._admin_settings,
        }.get((request.method, action))
        if handler is None:
            return Response("not found", status=404, content_type="text/plain")
        try:
            result = handler(dict(data))
        except (KeyError, TypeError, ValueError) as err:
            return Response(
                json.dumps({"error": str(err)}), status=400, content_type="application/json"
            )
        return Response(json.dumps(result, default=str), content_type="application/json")

    def _admin_inject(self, data):
        return {"id": self.inject(data.pop("operation"), data.pop("fault"), **data)}

    def _admin_clock(self, data):
        if data.get("real"):
            self.use_real_clock()
        if data.get("now"):
            self.set_now(datetime.datetime.fromisoformat(data["now"]))
        if data.get("advance"):
            self.advance(float(data["advance"]))
        return {"now": self.now().isoformat()}

    def _admin_settings(self, data):
        for field in (
            "processing_delay",
            "lenient",
            "pending_scope",
            "service_enabled",
            "semilla_ttl",
            "timeout_sleep",
            "bad_credentials",
        ):
            if field in data:
                setattr(self, field, data[field])
        return self.state()

    # ----------------------------------------------------------- fixtures --
    def load_fixtures(self, fixtures):
        """Load a fixtures dict (see main())."""
        for field in ("processing_delay", "lenient", "pending_scope", "semilla_ttl"):
            if field in fixtures:
                setattr(self, field, fixtures[field])
        convenio = fixtures.get("convenio") or {}
        if convenio:
            self.add_convenio(
                convenio["cliente_id"],
                convenio["convenio_id"],
                convenio["token"],
                convenio.get("rbds") or (),
            )
        for rbd in fixtures.get("rbds") or ():
            if isinstance(rbd, dict):
                self.add_rbd(
                    rbd["rbd"],
                    rbd.get("enabled", True),
                    rbd.get("open_months"),
                    rbd.get("pending_scope"),
                )
            else:
                self.add_rbd(rbd)
        for roster in fixtures.get("rosters") or ():
            self.set_roster(
                roster["rbd"],
                roster["year"],
                roster["tipo"],
                roster["grado"],
                roster["letter"],
                roster.get("students") or [],
            )
        for ficha in fixtures.get("fichas") or ():
            self.add_ficha(
                ficha["run"],
                ficha["nombres"],
                ficha["apellido_paterno"],
                ficha["apellido_materno"],
            )
        if fixtures.get("now"):
            self.set_now(datetime.datetime.fromisoformat(fixtures["now"]))


class _CredentialError(_SchemaError):
    """Bad ClienteId / ConvenioId / token (answered as a Client fault)."""

    def __str__(self):
        return "credentials not valid"


# Without --fixtures: a lenient stand-in for the demo school (RBD 2963,
# school_base demo) and the documentation's example RBD 12345.
DEMO_FIXTURES = {
    "convenio": {"cliente_id": 99, "convenio_id": 999, "token": "DEMOTOKEN", "rbds": [2963, 12345]},
    "lenient": True,
    "processing_delay": 60,
}


def main(argv=None):
    """Serve a stand-in until killed: from addons/school_sige_connector,
    ``python -m services.sige_standin --port 8070 --fixtures FILE`` (what
    ``./school sige-standin`` runs).

    Fixtures JSON: {"convenio": {"cliente_id", "convenio_id", "token",
    "rbds": [..]}, "rbds": [{"rbd", "enabled", "open_months",
    "pending_scope"}], "rosters": [{"rbd", "year", "tipo", "grado",
    "letter", "students": [["12345678-5", "2025-03-01", null], ...]}],
    "fichas": [{"run", "nombres", "apellido_paterno", "apellido_materno"}],
    "lenient": bool, "processing_delay": seconds, "pending_scope": str,
    "semilla_ttl": seconds, "now": iso datetime}."""
    parser = argparse.ArgumentParser(description="SIGE stand-in SOAP server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8070)
    parser.add_argument("--fixtures", help="JSON fixtures file (default: a lenient demo)")
    args = parser.parse_args(argv)
    fixtures = DEMO_FIXTURES
    if args.fixtures:
        fixtures = json.loads(Path(args.fixtures).read_text(encoding="utf-8"))
    standin = SigeStandIn(args.host, args.port)
    standin.load_fixtures(fixtures)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    standin.start()
    _logger.info(
        "SIGE stand-in on %s (auth %s, services %s, admin %s/_standin/state)",
        standin.base_url,
        standin.auth_url,
        standin.service_url,
        standin.base_url,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        _logger.info("SIGE stand-in stopped")
    finally:
        standin.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
