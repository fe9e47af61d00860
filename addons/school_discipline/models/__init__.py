from . import school_discipline_fault
