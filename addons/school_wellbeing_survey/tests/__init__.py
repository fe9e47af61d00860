from . import test_wellbeing_campaign
