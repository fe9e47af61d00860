from . import school_attendance_code
