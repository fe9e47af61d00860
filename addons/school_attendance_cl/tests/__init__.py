from . import test_attendance_code
