from . import school_discipline_case_step_close
