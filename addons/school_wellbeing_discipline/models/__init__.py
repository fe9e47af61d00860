from . import school_discipline_sanction
from . import school_wellbeing_risk
from . import school_demo_builder
