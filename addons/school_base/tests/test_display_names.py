# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import models
from odoo.tests import TransactionCase, tagged

# What the ORM shows for a record of a model without a name of its own.
TECHNICAL_NAME = re.compile(r"^[a-z_.]+,\d+$")


@tagged("post_install", "-at_install")
class TestDisplayNames(TransactionCase):
    """Every record of the suite has a human name: in the chatter, in lists
    and in the pickers, never ``school.attendance.line,34201`` (issue 14)."""

    def _suite_models(self):
        """The stored models that an installed school_* addon defines or
        extends."""
        suite = set(
            self.env["ir.module.module"]
            .search([("name", "=like", "school\\_%"), ("state", "=", "installed")])
            .mapped("name")
        )
        self.assertIn("school_base", suite)
        names = []
        for ir_model in self.env["ir.model"].search([]):
            if not suite & set((ir_model.modules or "").split(", ")):
                continue
            model = self.env.get(ir_model.model)
            if model is None or model._abstract or model._transient:
                continue
            names.append(ir_model.model)
        return names

    def test_every_model_has_a_human_name(self):
        names = self._suite_models()
        self.assertIn("school.calendar.day", names)
        env = self.env(su=True)
        for name in names:
            model = env[name]
            with self.subTest(model=name):
                # A name of its own: a name field or a computed display name.
                self.assertTrue(
                    model._rec_name
                    or type(model)._compute_display_name
                    is not models.BaseModel._compute_display_name,
                    "%s has no display name" % name,
                )
                record = model.search([], limit=1)
                if record:
                    self.assertNotRegex(record.display_name or "", TECHNICAL_NAME)
