# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Client of Mineduc's SIGE SOAP web services (no Odoo import).

Reference: /work/shared/research/sige-interface.md (reconstructed from
public clients and 2019 captures; Mineduc's WSDL is not public, the files in
``wsdl/`` are our reconstruction).

* Requests are built by zeep from the local WSDL, then re-serialised with the
  captured prefixes (``soapenv`` + ``sch``, empty Header) and posted with
  ``requests`` and explicit (connect, read) timeouts (sections 1.2 and 9).
* Responses are parsed with lxml by local name (section 9 "Parsing"): compact
  or indented, one or many ``Mensaje``, ``Salida...`` prefixed or default
  namespaced, with or without a Header.
* A fresh semilla is fetched before each business call (section 3); a
  semilla-expired code (6 for addAsistencia / getValidacion, 9 for the
  report) renews it and retries exactly once.
* Every HTTP exchange is recorded with the token and the semilla masked.
"""

import dataclasses
import datetime
import re
import threading
import time
from pathlib import Path

import requests
import zeep
from lxml import etree

DEFAULT_AUTH_URL = "http://w7app.mineduc.cl/WsApiAutorizacion/services"
DEFAULT_SERVICE_URL = "http://w7app.mineduc.cl/WsApiMineduc/services"

SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
WWWFS_NS = "http://wwwfs.mineduc.cl/Archivos/Schemas/"
DIDO_NS = "http://dido.mineduc.cl/Archivos/Schemas/"
WSDL_DIR = Path(__file__).resolve().parent / "wsdl"

SEMILLA_PORT = "SemillaServiciosSoapPort"
ASISTENCIA_PORT = "AsistenciaSigeSoapPort"
VALIDA_ALUMNO_PORT = "ValidaAlumnoSigeSoapPort"

MASK = "********"

# Section 8.1: CodigoRespuestaAsistencia (addAsistencia, also addCurso).
ADD_CODES = {
    1: "Operation executed successfully",
    2: "Business validation error(s) (see messages)",
    3: "RBD has no service available",
    4: "Convenio is not associated with the RBD",
    5: "Service not available",
    6: "Operation semilla not valid or expired (renew the semilla)",
    7: "Internal service error",
}
# Section 8.2: CodigoRespuestaReporteEnvioAsistencia.
REPORT_CODES = {
    1: "Attendance processed successfully",
    2: "Attendance processed with observations (see messages)",
    3: "Attendance processed with errors (see messages); fix and resend",
    4: "Attendance not processed yet",
    5: "Parameters do not match (unknown or empty tracking code, other RBD)",
    6: "RBD has no service available",
    7: "Convenio is not associated with the RBD",
    8: "Service not available",
    9: "Operation semilla not valid or expired (renew the semilla)",
    10: "Internal service error",
}
# Section 8.3: ExisteFichaAlumno (getValidacion).
VALIDATION_CODES = {
    1: "RUN has a SIGE record and the identity matches",
    2: "RUN has a SIGE record but the identity does not match",
    3: "Code not operational",
    4: "RUN has no SIGE record",
    5: "RUN not valid",
    6: "Operation semilla not valid or expired (renew the semilla)",
    7: "Internal service error",
}
ADD_SEMILLA_EXPIRED = 6
REPORT_SEMILLA_EXPIRED = 9
VALIDATION_SEMILLA_EXPIRED = 6
# Codes worth retrying later (transient server states), per section 8.
ADD_RETRYABLE_CODES = frozenset({5, 7})
REPORT_RETRYABLE_CODES = frozenset({8, 10})
VALIDATION_RETRYABLE_CODES = frozenset({7})

PENDING_MESSAGE = "EXISTE UN ENVIO PENDIENTE."
_MISSING_RE = re.compile(r"LETRA CURSO \((\w+)\) RUN (\d+) FALTANTE")
_NOT_ENROLLED_RE = re.compile(r"LETRA CURSO \((\w+)\) RUN (\d+) RETIRADO O NO MATRICULADO")
# STAND-IN ONLY (section 11.9: real behaviour of a resend is unknown): our
# stand-in answers an identical resend with this message.
_EXISTING_RE = re.compile(r"YA EXISTE UN ENVIO \((\d+)\)")
_RUN_RE = re.compile(r"^\s*(\d{1,3}(?:\.?\d{3})*)\s*-?\s*([0-9kK])\s*$")
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_SECRET_ELEMENTS_RE = re.compile(
    r"(<(?:[\w.-]+:)?(?:ConvenioToken|Semilla|ValorSemilla)\b[^>]*>)[^<]*(</)"
)


# ------------------------------------------------------------ RUN helpers --
def run_check_digit(number):
    """Modulo-11 check digit of a RUN number ("0"-"9" or "K")."""
    total, factor = 0, 2
    for digit in reversed(str(int(number))):
        total += int(digit) * factor
        factor = 2 if factor == 7 else factor + 1
    rest = 11 - total % 11
    return {11: "0", 10: "K"}.get(rest, str(rest))


def split_run(run):
    """``"12.345.678-k"`` -> ``(12345678, "K")``; ValueError when malformed or
    when the check digit is wrong."""
    match = _RUN_RE.match(str(run or ""))
    if not match:
        raise ValueError("Malformed RUN %r" % (run,))
    number, dv = int(match.group(1).replace(".", "")), match.group(2).upper()
    if run_check_digit(number) != dv:
        raise ValueError("Wrong check digit in RUN %r" % (run,))
    return number, dv


def format_run(number, dv=None):
    """``(12345678, "k")`` -> ``"12345678-K"`` (dv computed when omitted)."""
    return "%d-%s" % (int(number), (dv or run_check_digit(number)).upper())


# ------------------------------------------------------- message helpers --
def is_pending_error(messages):
    """True when SIGE refused because an earlier envío is still pending."""
    return any(PENDING_MESSAGE in (m or "").upper() for m in messages or ())


def missing_runs(messages):
    """``LETRA CURSO (X) RUN n FALTANTE.`` -> ``[("X", n)]`` (RUN numbers
    without check digit, as SIGE prints them)."""
    return [(m.group(1), int(m.group(2))) for m in _finditer(_MISSING_RE, messages)]


def not_enrolled_runs(messages):
    """``LETRA CURSO (X) RUN n RETIRADO O NO MATRICULADO.`` -> ``[("X", n)]``."""
    return [(m.group(1), int(m.group(2))) for m in _finditer(_NOT_ENROLLED_RE, messages)]


def existing_tracking_code(messages):
    """Tracking code named by the stand-in-only duplicate message
    ("YA EXISTE UN ENVIO (<code>) ..."), or None."""
    for match in _finditer(_EXISTING_RE, messages):
        return match.group(1)
    return None


def _finditer(regex, messages):
    for message in messages or ():
        yield from regex.finditer((message or "").upper())


# ------------------------------------------------------------- data types --
@dataclasses.dataclass(frozen=True)
class SigeCredentials:
    """Convenio de Interoperabilidad credentials (section 3). The token is
    kept out of repr()."""

    cliente_id: int
    convenio_id: int
    token: str = dataclasses.field(repr=False)


@dataclasses.dataclass
class SigeExchange:
    """One HTTP exchange, for the audit trail; token and semilla masked."""

    operation: str
    url: str
    request: str
    response: str | None
    status: int | None
    elapsed: float
    error: str | None


@dataclasses.dataclass
class SigeCourse:
    """One course letter of an addAsistencia: RUNs as "12345678-K"."""

    letter: str
    present: list[str]
    absent: list[str]


@dataclasses.dataclass
class SigeResponse:
    """A business answer of SIGE (any code; the caller interprets it with
    ADD_CODES / REPORT_CODES / VALIDATION_CODES)."""

    operation: str
    code: int
    tracking_code: str | None
    title: str | None
    messages: list[str]
    exchanges: list[SigeExchange]
    existing_tracking_code: str | None = None

    @property
    def meaning(self):
        table = {
            "addAsistencia": ADD_CODES,
            "getReporteEnvioAsistencia": REPORT_CODES,
            "getValidacion": VALIDATION_CODES,
        }.get(self.operation, {})
        return table.get(self.code, "Unknown code")

    @property
    def retryable(self):
        """True for transient server codes (service unavailable, internal
        error): retry later with back-off."""
        return self.code in {
            "addAsistencia": ADD_RETRYABLE_CODES,
            "getReporteEnvioAsistencia": REPORT_RETRYABLE_CODES,
            "getValidacion": VALIDATION_RETRYABLE_CODES,
        }.get(self.operation, ())


# ------------------------------------------------------------- exceptions --
class SigeError(Exception):
    """Base of the client's errors. ``exchanges`` holds every HTTP exchange
    of the call (masked); ``retryable`` says whether a later retry may
    succeed."""

    retryable = False

    def __init__(self, message, exchanges=None, retryable=None):
        super().__init__(message)
        self.exchanges = list(exchanges or [])
        if retryable is not None:
            self.retryable = retryable


class SigeTransportError(SigeError):
    """Timeout, connection failure, HTTP error status, empty / malformed /
    truncated XML. ``maybe_processed`` is True when the business request was
    completely sent and the failure happened while waiting for or reading
    the answer (SIGE may have recorded it: check before a blind resend);
    False when it surely did not reach SIGE (connection refused, connect
    timeout, or the failure happened in the semilla step)."""

    retryable = True

    def __init__(self, message, exchanges=None, maybe_processed=False, status=None):
        super().__init__(message, exchanges)
        self.maybe_processed = maybe_processed
        self.status = status


class SigeFaultError(SigeError):
    """A SOAP 1.1 Fault. Retryable for ``soapenv:Server``, not for Client."""

    def __init__(self, message, exchanges=None, fault_code="", fault_string=""):
        super().__init__(message, exchanges, retryable=fault_code.endswith("Server"))
        self.fault_code = fault_code
        self.fault_string = fault_string


class SigeAuthError(SigeError):
    """The semilla was refused (empty ValorSemilla or a Client fault on
    getSemillaServicios): credentials or convenio problem; not retryable."""

    retryable = False


class SigeSemillaExpiredError(SigeError):
    """A freshly issued semilla was declared expired again after the one
    renewal: server-side trouble, retry later (no loop here)."""

    retryable = True


# ------------------------------------------------------------ zeep / WSDL --
_ZEEP_CLIENTS = {}
_ZEEP_LOCK = threading.Lock()


def _zeep_client(port):
    """zeep client of the local WSDL of ``port`` (parsed once per process;
    no network: the WSDL has its schema inline)."""
    with _ZEEP_LOCK:
        client = _ZEEP_CLIENTS.get(port)
        if client is None:
            client = zeep.Client(
                str(WSDL_DIR / ("%s.wsdl" % port)),
                settings=zeep.Settings(strict=True, forbid_external=True),
            )
            _ZEEP_CLIENTS[port] = client
        return client


def _copy_element(source, parent):
    node = etree.SubElement(parent, source.tag)
    node.text = source.text
    for child in source:
        if isinstance(child.tag, str):
            _copy_element(child, node)
    return node


def build_envelope(port, operation, schema_ns, **values):
    """Serialised request: zeep builds and type-checks the Body from the
    WSDL, then it is copied under the captured prefixes (``soapenv``,
    ``sch``) with an empty Header (section 9 "Envelopes")."""
    client = _zeep_client(port)
    message = client.create_message(client.service, operation, **values)
    body = message.find("{%s}Body" % SOAP_ENV_NS)
    envelope = etree.Element(
        "{%s}Envelope" % SOAP_ENV_NS, nsmap={"soapenv": SOAP_ENV_NS, "sch": schema_ns}
    )
    etree.SubElement(envelope, "{%s}Header" % SOAP_ENV_NS)
    new_body = etree.SubElement(envelope, "{%s}Body" % SOAP_ENV_NS)
    for child in body:
        _copy_element(child, new_body)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(
        envelope, encoding="utf-8", pretty_print=True
    )


# ---------------------------------------------------------------- parsing --
def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def _find(element, name):
    for node in element.iter():
        if _local(node) == name:
            return node
    return None


def _text(element, name):
    node = _find(element, name)
    if node is None or node.text is None:
        return None
    return node.text.strip()


class _ParseError(Exception):
    pass


class _Fault(Exception):
    def __init__(self, code, string):
        super().__init__(string)
        self.code = code
        self.string = string


def parse_envelope(content, expected):
    """Return the ``expected`` element (by local name) of a SOAP response
    body; raise _Fault for a SOAP Fault, _ParseError otherwise."""
    if not content or not content.strip():
        raise _ParseError("empty response body")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content.strip(), parser=parser)
    except etree.XMLSyntaxError as err:
        if "encoding" not in str(err).lower() and "utf-8" not in str(err).lower():
            raise _ParseError("malformed XML (%s)" % err) from None
        # Declared UTF-8 but sent as Latin-1 (section 10.4, encoding
        # robustness): read it as Latin-1 rather than fail.
        text = _XML_DECLARATION_RE.sub("", content.decode("latin-1"), count=1)
        try:
            root = etree.fromstring(text, parser=parser)
        except etree.XMLSyntaxError:
            raise _ParseError("malformed XML (%s)" % err) from None
    if _local(root) != "Envelope":
        raise _ParseError("not a SOAP envelope (root %s)" % _local(root))
    body = next((c for c in root if _local(c) == "Body"), None)
    if body is None:
        raise _ParseError("SOAP envelope without Body")
    payload = next((c for c in body if isinstance(c.tag, str)), None)
    if payload is None:
        raise _ParseError("empty SOAP Body")
    if _local(payload) == "Fault":
        raise _Fault(_text(payload, "faultcode") or "", _text(payload, "faultstring") or "")
    if _local(payload) != expected:
        # Tolerate an operation-named wrapper around the Salida element.
        inner = _find(payload, expected)
        if inner is None:
            raise _ParseError("unexpected element %s instead of %s" % (_local(payload), expected))
        payload = inner
    return payload


def _int_field(payload, name):
    value = _text(payload, name)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _ParseError("missing or non-integer %s" % name) from None


def _messages(payload):
    listado = _find(payload, "ListadoMensajes")
    if listado is None:
        return None, []
    title = _text(listado, "Titulo")
    messages = [
        (node.text or "").strip()
        for node in listado.iter()
        if _local(node) == "Mensaje" and (node.text or "").strip()
    ]
    return title, messages


def mask_secrets(text, secrets=()):
    """Mask the token and semilla elements (and any known secret value) in
    an XML text or error message."""
    if not text:
        return text
    text = _SECRET_ELEMENTS_RE.sub(r"\1%s\2" % MASK, text)
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    return text


def _connect_failure(err):
    """True when requests failed before the request reached the server."""
    if isinstance(err, requests.exceptions.ConnectTimeout):
        return True
    seen, current = set(), err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__
        if name in ("NewConnectionError", "ConnectTimeoutError", "NameResolutionError"):
            return True
        if isinstance(current, ConnectionRefusedError):
            return True
        nxt = getattr(current, "reason", None)
        if nxt is None and current.args and isinstance(current.args[-1], BaseException):
            nxt = current.args[-1]
        current = nxt or current.__cause__ or current.__context__
    return False


# ----------------------------------------------------------------- client --
class SigeClient:
    """Production client. ``auth_url`` is the base of WsApiAutorizacion's
    services, ``service_url`` the base of WsApiMineduc's (section 1.1); the
    port name is appended to each."""

    def __init__(
        self,
        credentials,
        auth_url=DEFAULT_AUTH_URL,
        service_url=DEFAULT_SERVICE_URL,
        connect_timeout=10.0,
        read_timeout=60.0,
    ):
        self.credentials = credentials
        self.auth_url = auth_url.rstrip("/")
        self.service_url = service_url.rstrip("/")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._session = requests.Session()

    def __repr__(self):
        return "<SigeClient convenio=%s %s>" % (self.credentials.convenio_id, self.service_url)

    # ------------------------------------------------------- public calls --
    def add_asistencia(self, rbd, year, tipo, grado, day, courses):
        """addAsistencia (section 4): one (year, RBD, tipo, grado, day) with
        one or more course letters. Returns the SigeResponse of any business
        code (1 gives ``tracking_code``)."""
        cursos = [
            {
                "LetraCurso": course.letter.strip(),
                "Presentes": {"Run": [self._run(r) for r in course.present]},
                "Ausentes": {"Run": [self._run(r) for r in course.absent]},
            }
            for course in courses
        ]
        if not cursos:
            raise ValueError("addAsistencia needs at least one course")
        if not isinstance(day, datetime.date):
            raise ValueError("day must be a date")
        record = {
            "AnioEscolar": int(year),
            "RBD": int(rbd),
            "CodigoTipoEnsenanza": int(tipo),
            "CodigoGrado": int(grado),
            "FechaAsistencia": day,
            "Cursos": {"Curso": cursos},
        }
        return self._business_call(
            operation="addAsistencia",
            port=ASISTENCIA_PORT,
            schema_ns=DIDO_NS,
            values={"RecordAsistenciaSige": record},
            result="SalidaAddAsistenciaSige",
            code_field="CodigoRespuestaAsistencia",
            expired_code=ADD_SEMILLA_EXPIRED,
        )

    def get_reporte(self, rbd, tracking_code):
        """getReporteEnvioAsistencia (section 5) of a CodigoEnvioAsistencia."""
        return self._business_call(
            operation="getReporteEnvioAsistencia",
            port=ASISTENCIA_PORT,
            schema_ns=DIDO_NS,
            values={"RBD": int(rbd), "CodigoEnvioAsistencia": str(tracking_code or "")},
            result="SalidaGetReporteEnvioAsistenciaSige",
            code_field="CodigoRespuestaReporteEnvioAsistencia",
            expired_code=REPORT_SEMILLA_EXPIRED,
        )

    def validate_student(self, rbd, run, first_names, last_name, second_last_name):
        """getValidacion (section 6): Run, Nombres, ApellidoPaterno,
        ApellidoMaterno. The request carries no RBD (``rbd`` is accepted for
        symmetry and fault injection, and not sent). ``code`` is
        ExisteFichaAlumno (VALIDATION_CODES)."""
        del rbd  # not part of EntradaValidaAlumnoSige (section 6)
        return self._business_call(
            operation="getValidacion",
            port=VALIDA_ALUMNO_PORT,
            schema_ns=WWWFS_NS,
            values={
                "Run": self._run(run),
                "Nombres": first_names or "",
                "ApellidoPaterno": last_name or "",
                "ApellidoMaterno": second_last_name or "",
            },
            result="SalidaValidaAlumnoSige",
            code_field="ExisteFichaAlumno",
            expired_code=VALIDATION_SEMILLA_EXPIRED,
        )

    def get_semilla(self, exchanges=None):
        """getSemillaServicios (section 3): a fresh semilla string."""
        exchanges = [] if exchanges is None else exchanges
        creds = self.credentials
        request = build_envelope(
            SEMILLA_PORT,
            "getSemillaServicios",
            WWWFS_NS,
            ClienteId=int(creds.cliente_id),
            ConvenioId=int(creds.convenio_id),
            ConvenioToken=creds.token,
        )
        url = "%s/%s" % (self.auth_url, SEMILLA_PORT)
        try:
            payload = self._post("getSemillaServicios", url, request, "SemillaServicios", exchanges)
        except SigeFaultError as err:
            if err.retryable:
                raise
            raise SigeAuthError(
                "SIGE refused the semilla request (fault %s: %s)"
                % (err.fault_code, err.fault_string),
                exchanges,
            ) from None
        except SigeTransportError as err:
            # The business request was not sent yet.
            err.maybe_processed = False
            raise
        semilla = _text(payload, "ValorSemilla")
        if not semilla:
            raise SigeAuthError("SIGE returned an empty semilla (check the convenio)", exchanges)
        return semilla

    # ----------------------------------------------------------- helpers --
    @staticmethod
    def _run(run):
        number, dv = split_run(run)
        return {"numero": number, "dv": dv}

    def _business_call(self, operation, port, schema_ns, values, result, code_field, expired_code):
        exchanges = []
        url = "%s/%s" % (self.service_url, port)
        for attempt in range(2):
            semilla = self.get_semilla(exchanges)
            request = build_envelope(port, operation, schema_ns, Semilla=semilla, **values)
            payload = self._post(operation, url, request, result, exchanges, semilla)
            try:
                code = _int_field(payload, code_field)
            except _ParseError as err:
                raise SigeTransportError(
                    "SIGE %s: %s" % (operation, err), exchanges, maybe_processed=True
                ) from None
            if code != expired_code:
                break
            if attempt:
                raise SigeSemillaExpiredError(
                    "SIGE %s: a fresh semilla was rejected as expired twice" % operation,
                    exchanges,
                )
        title, messages = _messages(payload)
        return SigeResponse(
            operation=operation,
            code=code,
            tracking_code=_text(payload, "CodigoEnvioAsistencia") or None,
            title=title,
            messages=messages,
            exchanges=exchanges,
            existing_tracking_code=existing_tracking_code(messages),
        )

    def _post(self, operation, url, request, expected, exchanges, semilla=None):
        """POST one envelope; record the exchange; return the parsed
        ``expected`` element. Raises SigeTransportError / SigeFaultError."""
        secrets = (self.credentials.token, semilla)
        masked_request = mask_secrets(request.decode("utf-8"), secrets)
        headers = {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": '"%s"' % operation,
        }
        started = time.monotonic()

        def record(response_text=None, status=None, error=None):
            exchanges.append(
                SigeExchange(
                    operation=operation,
                    url=url,
                    request=masked_request,
                    response=mask_secrets(response_text, secrets),
                    status=status,
                    elapsed=round(time.monotonic() - started, 3),
                    error=mask_secrets(error, secrets),
                )
            )

        try:
            http = self._session.post(
                url,
                data=request,
                headers=headers,
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=False,
            )
            content = http.content
        except requests.exceptions.RequestException as err:
            before_send = _connect_failure(err)
            if isinstance(err, requests.exceptions.Timeout):
                kind = "connect timeout" if before_send else "read timeout"
            else:
                kind = "connection failed" if before_send else "connection dropped"
            error = "%s: %s" % (kind, type(err).__name__)
            record(error=error)
            raise SigeTransportError(
                "SIGE %s: %s" % (operation, error),
                exchanges,
                maybe_processed=not before_send,
            ) from None
        text = content.decode("utf-8", errors="replace")
        try:
            payload = parse_envelope(content, expected)
        except _Fault as fault:
            record(text, http.status_code, "SOAP fault %s" % fault.code)
            fault_string = mask_secrets(fault.string, secrets)
            raise SigeFaultError(
                "SIGE %s: SOAP fault %s: %s" % (operation, fault.code, fault_string),
                exchanges,
                fault_code=fault.code,
                fault_string=fault_string,
            ) from None
        except _ParseError as err:
            if http.status_code != 200:
                error = "HTTP %s" % http.status_code
            else:
                error = str(err)
            record(text, http.status_code, error)
            raise SigeTransportError(
                "SIGE %s: %s" % (operation, error),
                exchanges,
                maybe_processed=True,
                status=http.status_code,
            ) from None
        if http.status_code != 200:
            record(text, http.status_code, "HTTP %s" % http.status_code)
            raise SigeTransportError(
                "SIGE %s: HTTP %s" % (operation, http.status_code),
                exchanges,
                maybe_processed=True,
                status=http.status_code,
            )
        record(text, http.status_code)
        return payload
