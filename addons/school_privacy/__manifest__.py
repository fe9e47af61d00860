# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Privacy: no phone-home",
    "summary": "Stops Odoo's and OpenEduCat's publisher-warranty calls that send "
    "the database UUID, user counts, URL and company contact data",
    "version": "18.0.1.0.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Beta",
    # Depends on mail only, on purpose: this addon must sit low in the module
    # graph so that it is loaded *before* openeducat_core when both are
    # installed in one run; openeducat_core's post_init_hook then finds the
    # guarded update_notification() below and sends nothing.
    "depends": ["mail"],
    "data": ["data/ir_cron_data.xml"],
    "installable": True,
}
