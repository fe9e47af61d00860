# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Attendance (Chile / Perú)",
    "summary": "Digital class book attendance: codes, daily and per-block marks, "
    "lateness, justifications, monthly registers",
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
        "data/school_attendance_code_data.xml",
        "views/school_attendance_code_views.xml",
        "views/school_attendance_cl_menus.xml",
    ],
    "installable": True,
}
