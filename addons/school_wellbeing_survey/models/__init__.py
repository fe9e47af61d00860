from . import school_wellbeing_campaign
