from . import test_scholarship_type
from . import test_scholarships_matrix
