from . import school_discipline_step_close
