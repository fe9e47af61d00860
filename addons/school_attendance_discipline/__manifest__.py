# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Attendance and Discipline",
    "summary": "Bridge: in-class lateness writes the anotación in the hoja de vida (protocol XI)",
    "version": "18.0.0.2.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_attendance_cl", "school_discipline"],
    "data": ["views/res_company_views.xml"],
    "auto_install": True,
    "installable": True,
}
