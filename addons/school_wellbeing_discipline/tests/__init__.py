from . import test_wellbeing_discipline
