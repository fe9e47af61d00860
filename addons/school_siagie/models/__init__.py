from . import school_siagie_code
from . import school_siagie_closing
from . import school_siagie_register
from . import op_student_course
from . import school_attendance_line
from . import school_attendance_session
