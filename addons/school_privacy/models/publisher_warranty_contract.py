# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class PublisherWarrantyContract(models.AbstractModel):
    """Odoo's publisher-warranty client, muted.

    Odoo (mail) posts the database UUID, user counts, base URL and the
    company's name, e-mail and phone to its publisher server from a weekly
    cron; OpenEduCat core calls the same method from its install hook and
    from a cron of its own. A school's database holds minors' data: nothing
    leaves it unless an administrator says so, explicitly, with the system
    parameter ``school_privacy.allow_publisher_warranty`` set to ``True``.
    """

    _inherit = "publisher_warranty.contract"

    @api.model
    def _school_phone_home_allowed(self):
        param = self.env["ir.config_parameter"].sudo()  # sudo: read a system flag
        return param.get_param("school_privacy.allow_publisher_warranty") == "True"

    @api.model
    def _get_sys_logs(self):
        if not self._school_phone_home_allowed():
            _logger.info("school_privacy: publisher warranty message not sent")
            return {"messages": []}
        return super()._get_sys_logs()

    def update_notification(self, cron_mode=True):
        if not self._school_phone_home_allowed():
            _logger.info("school_privacy: publisher warranty update not sent")
            return True
        return super().update_notification(cron_mode=cron_mode)
