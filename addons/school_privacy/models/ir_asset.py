# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# OpenEduCat core's review dialog: five seconds after the backend loads it
# covers the screen with a promotion whose image comes from openeducat.org
# (the browser of every user calls that server) and links to a review site.
# The backend template that mounts it goes with it.
SCHOOL_BLOCKED_ASSETS = frozenset(
    {
        "/openeducat_core/static/src/js/g2_review.js",
        "/openeducat_core/static/src/xml/review.xml",
        "/openeducat_core/static/src/xml/web_client.xml",
    }
)


class IrAsset(models.Model):
    """Bundles without the files above, whatever the order in which the
    modules install: this addon sits below OpenEduCat in the module graph
    (see the manifest), so a ``remove`` directive of its own would run
    before OpenEduCat adds them, and it must not depend on OpenEduCat."""

    _inherit = "ir.asset"

    def _get_asset_paths(self, bundle, assets_params):
        paths = super()._get_asset_paths(bundle, assets_params)
        return [asset for asset in paths if asset[0] not in SCHOOL_BLOCKED_ASSETS]
