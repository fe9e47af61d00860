# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Scholarships (Becas)",
    "summary": "Becas de financiamiento compartido: types, applications, "
    "commission scoring, appeals",
    "version": "18.0.0.1.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_base"],
    "data": [
        "security/ir.model.access.csv",
        "security/school_scholarships_security.xml",
        "data/school_scholarship_type_data.xml",
        "views/school_scholarship_type_views.xml",
        "views/school_scholarships_menus.xml",
    ],
    "installable": True,
}
