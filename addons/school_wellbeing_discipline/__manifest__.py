# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Wellbeing and Discipline",
    "summary": "Bridge: grave faults and suspensions feed the early-warning risk",
    "version": "18.0.0.2.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_wellbeing_survey", "school_discipline"],
    "data": [
        "data/school_discipline_sanction_data.xml",
        "views/school_discipline_sanction_views.xml",
    ],
    "demo": ["demo/school_wellbeing_discipline_demo.xml"],
    "auto_install": True,
    "installable": True,
}
