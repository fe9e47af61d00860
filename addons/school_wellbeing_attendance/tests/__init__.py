from . import test_wellbeing_attendance
