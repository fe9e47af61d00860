from . import test_scholarship_type
