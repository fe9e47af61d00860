from . import school_sige_backend
from . import school_sige_secret
from . import school_sige_send
from . import school_sige_attempt
from . import school_sige_student_check
from . import school_attendance_line
from . import res_company
