# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School SIGE Connector",
    "summary": "Mineduc SIGE web services (semilla, addAsistencia, reports) "
    "for the attendance of Chilean schools",
    "version": "18.0.0.1.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_base"],
    "data": [
        "security/school_sige_connector_groups.xml",
        "security/ir.model.access.csv",
        "security/school_sige_connector_security.xml",
        "views/school_sige_backend_views.xml",
        "views/school_sige_connector_menus.xml",
    ],
    "installable": True,
    # zeep builds the SOAP requests (services/sige_client.py); Odoo ships it.
    "external_dependencies": {"python": ["zeep"]},
}
