# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Wellbeing and Attendance",
    "summary": "Bridge: the class book's attendance feeds the early-warning risk",
    "version": "18.0.0.1.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_wellbeing_survey", "school_attendance_cl"],
    "demo": ["demo/school_wellbeing_attendance_demo.xml"],
    "auto_install": True,
    "installable": True,
}
