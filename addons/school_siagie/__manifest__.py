# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School SIAGIE (Perú)",
    "summary": "SIAGIE monthly attendance register per grado/sección: export (XLSX, PDF), "
    "monthly closing with a completeness check, import of filled grids",
    "version": "18.0.0.2.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_attendance_cl", "report_xlsx"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/ir.model.access.csv",
        "security/school_siagie_security.xml",
        "data/school_siagie_code_data.xml",
        "views/school_siagie_code_views.xml",
        "views/school_siagie_closing_views.xml",
        "views/op_student_course_views.xml",
        "report/report_siagie_register.xml",
        "wizards/school_siagie_register_print_views.xml",
        "wizards/school_siagie_register_import_views.xml",
        "views/school_siagie_menus.xml",
    ],
    "installable": True,
}
