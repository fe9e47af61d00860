from . import school_wellbeing_risk
from . import school_demo_builder
