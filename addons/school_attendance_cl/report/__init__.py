from . import report_attendance_register_xlsx
