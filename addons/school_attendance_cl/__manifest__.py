# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Attendance (Chile / Perú)",
    "summary": "Digital class book attendance: codes, daily and per-block marks, "
    "lateness, justifications, monthly registers",
    "version": "18.0.0.2.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_base", "report_xlsx"],
    "data": [
        "security/school_attendance_cl_groups.xml",
        "security/ir.model.access.csv",
        "security/school_attendance_cl_security.xml",
        "data/school_attendance_code_data.xml",
        "data/ir_cron_data.xml",
        "views/school_attendance_code_views.xml",
        "views/school_attendance_session_views.xml",
        "views/school_attendance_justification_views.xml",
        "views/op_student_views.xml",
        "views/school_attendance_portal_templates.xml",
        "report/report_attendance_register.xml",
        "wizards/school_attendance_register_print.xml",
        "views/school_attendance_cl_menus.xml",
    ],
    "assets": {
        "web.assets_frontend": ["school_attendance_cl/static/src/js/*.js"],
        "web.assets_tests": ["school_attendance_cl/static/tests/tours/*.js"],
    },
    "installable": True,
}
