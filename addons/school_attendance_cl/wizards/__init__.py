from . import school_attendance_register_print
