# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "School Scholarships and Discipline",
    "summary": "Bridge: a sanctioned grave or gravísima fault proposes the loss of a beca",
    "version": "18.0.1.0.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "School Suite Contributors",
    "website": "https://github.com/school-suite/school-odoo",
    "maintainers": ["school-suite"],
    "development_status": "Alpha",
    "depends": ["school_scholarships", "school_discipline"],
    "data": [
        "security/ir.model.access.csv",
        "security/school_scholarships_discipline_security.xml",
        "views/school_scholarship_loss_proposal_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
