from . import test_scholarship_type
from . import test_scholarships_matrix
from . import test_scholarship_application
from . import test_scholarship_scoring
from . import test_scholarship_allocation
from . import test_scholarship_results
from .bench import test_bench_allocation
from . import test_scholarship_portal
