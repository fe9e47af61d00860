# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Discipline (Convivencia Escolar)",
    "summary": "Manual de Convivencia: fault catalogue, hoja de vida, due "
    "process with legal deadlines, Aula Segura, protocols",
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
        "security/school_discipline_security.xml",
        "data/school_discipline_fault_data.xml",
        "views/school_discipline_fault_views.xml",
        "views/school_discipline_menus.xml",
    ],
    "installable": True,
}
