from . import test_attendance_code
from . import test_attendance_block
from . import test_attendance_portal
from . import test_attendance_rules
from . import test_attendance_register
from . import test_attendance_access
from . import test_attendance_matrix
from . import test_attendance_write_path
