from . import res_company
from . import school_attendance_arrival
from . import school_discipline_entry
