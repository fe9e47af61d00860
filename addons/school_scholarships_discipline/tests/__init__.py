from . import test_scholarship_discipline
