# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School SIGE Connector",
    "summary": "Mineduc SIGE web services (semilla, addAsistencia, reports) "
    "for the attendance of Chilean schools",
    "version": "18.0.0.2.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_base", "school_attendance_cl", "mail"],
    "data": [
        "security/school_sige_connector_groups.xml",
        "security/ir.model.access.csv",
        "security/school_sige_connector_security.xml",
        "data/ir_cron_data.xml",
        "views/school_sige_backend_views.xml",
        "views/school_sige_send_views.xml",
        "views/school_sige_attempt_views.xml",
        "views/school_sige_student_check_views.xml",
        "views/res_company_views.xml",
        "views/school_sige_connector_menus.xml",
    ],
    "demo": ["demo/school_sige_backend_demo.xml"],
    "installable": True,
    # zeep builds the SOAP requests (services/sige_client.py); Odoo ships it.
    "external_dependencies": {"python": ["zeep"]},
}
