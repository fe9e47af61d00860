# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An appeal's background is now the files the family sent (a many2many),
not every file on the appeal: link the files that databases already hold
on appeals, except those of the commission's messages (chatter notes,
activity feedback)."""


def migrate(cr, version):
    cr.execute(
        """
        INSERT INTO school_scholarship_appeal_background_rel (appeal_id, attachment_id)
        SELECT a.res_id, a.id
          FROM ir_attachment a
          JOIN school_scholarship_appeal p ON p.id = a.res_id
         WHERE a.res_model = 'school.scholarship.appeal'
           AND a.res_field IS NULL
           AND NOT EXISTS (
                SELECT 1 FROM message_attachment_rel r WHERE r.attachment_id = a.id
           )
        ON CONFLICT DO NOTHING
        """
    )
