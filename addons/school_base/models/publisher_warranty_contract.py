# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class PublisherWarrantyContract(models.AbstractModel):
    """OpenEduCat's own phone-home, muted like Odoo's (see school_privacy).

    openeducat_core posts the database UUID, user counts, base URL, installed
    apps and the company's name, e-mail and phone to srv.openeducat.org from
    a weekly cron. These overrides sit above OpenEduCat's methods in the MRO
    because school_base depends on openeducat_core.
    """

    _inherit = "publisher_warranty.contract"

    @api.model
    def _get_system_logs(self):
        if not self._school_phone_home_allowed():
            _logger.info("school_base: OpenEduCat publisher message not sent")
            return {}
        return super()._get_system_logs()

    def update_notification_openeducat(self, cron_mode=True):
        if not self._school_phone_home_allowed():
            _logger.info("school_base: OpenEduCat publisher update not sent")
            return True
        return super().update_notification_openeducat(cron_mode=cron_mode)
