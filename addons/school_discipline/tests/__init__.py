from . import test_discipline_fault
