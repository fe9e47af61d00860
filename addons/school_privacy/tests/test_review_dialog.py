# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from ..models.ir_asset import SCHOOL_BLOCKED_ASSETS

# Five seconds after the backend loads, OpenEduCat's dialog would open and
# its image would be fetched from openeducat.org: wait past that, then look
# at the page and at every resource the browser requested.
CHECK_NO_REVIEW_DIALOG = """
setTimeout(() => {
    const external = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => !url.startsWith(location.origin));
    const ownAssets = performance
        .getEntriesByType("resource")
        .some((entry) => entry.name.includes("/web/assets/"));
    if (document.querySelector(".g2_review_container, .g2_image")) {
        console.error("the review dialog is shown");
    } else if (external.length) {
        console.error("requests left the server: " + external.join(", "));
    } else if (!ownAssets) {
        console.error("the resource log is empty: the check saw nothing");
    } else {
        console.log("test successful");
    }
}, 6500);
"""


@tagged("post_install", "-at_install")
class TestReviewDialog(HttpCase):
    def test_backend_bundle_without_review_dialog(self):
        paths = [
            asset[0] for asset in self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})
        ]
        self.assertFalse(SCHOOL_BLOCKED_ASSETS & set(paths))
        if self.env["ir.module.module"]._get("openeducat_core").state == "installed":
            # The rest of OpenEduCat's backend assets are still there.
            self.assertIn("/openeducat_core/static/src/scss/style.scss", paths)
        js = self.env["ir.qweb"]._get_asset_bundle("web.assets_backend", css=False).js()
        self.assertNotIn(b"openeducat.org", js.raw)
        self.assertNotIn(b"G2Review", js.raw)

    def test_backend_makes_no_outside_request(self):
        self.browser_js("/odoo", CHECK_NO_REVIEW_DIALOG, login="admin", timeout=60)
