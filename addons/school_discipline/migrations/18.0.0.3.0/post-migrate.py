# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.3.0: protocol I's resolution (I8)
counts from the closing report (I7), not from the new Consejo step (I7C)
placed between them; its data record is noupdate."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE school_discipline_case_type_stage AS stage
           SET start_from = 'stage', start_stage_id = i7.res_id
          FROM ir_model_data AS i8, ir_model_data AS i7
         WHERE i8.module = 'school_discipline' AND i8.name = 'school_discipline_stage_i8'
           AND i7.module = 'school_discipline' AND i7.name = 'school_discipline_stage_i7'
           AND stage.id = i8.res_id AND stage.start_from = 'previous'
        """
    )
