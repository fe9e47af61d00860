# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Wellbeing Survey",
    "summary": "Mineduc tool to keep the bond with students: monthly campaigns "
    "per course, critical situations and follow-up",
    "version": "18.0.0.1.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_base", "mail", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/school_wellbeing_survey_security.xml",
        "data/school_wellbeing_question_data.xml",
        "data/school_wellbeing_risk_rule_data.xml",
        "data/ir_cron_data.xml",
        "views/school_wellbeing_campaign_views.xml",
        "views/school_wellbeing_sheet_views.xml",
        "views/school_wellbeing_answer_views.xml",
        "views/school_wellbeing_question_views.xml",
        "views/school_wellbeing_upload_views.xml",
        "views/school_wellbeing_risk_views.xml",
        "views/school_wellbeing_portal_templates.xml",
        "views/school_wellbeing_survey_menus.xml",
    ],
    "external_dependencies": {"python": ["openpyxl", "xlsxwriter"]},
    "assets": {
        "web.assets_tests": ["school_wellbeing_survey/static/tests/tours/*.js"],
    },
    "installable": True,
}
