from . import test_identity
from . import test_school_calendar
from . import test_company_course
from . import test_privacy
from . import test_security
from . import test_demo_builder
from . import test_portal_tour
from . import test_access_matrix
