from . import school_attendance_register_print
from . import school_attendance_month_close
