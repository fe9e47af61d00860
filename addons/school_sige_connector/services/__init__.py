# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Plain Python (no Odoo import): the SIGE SOAP client and its stand-in server.
from . import sige_client
from . import sige_standin
