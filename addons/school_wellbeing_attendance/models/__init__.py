from . import school_wellbeing_risk
