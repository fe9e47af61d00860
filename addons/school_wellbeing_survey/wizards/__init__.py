from . import school_wellbeing_upload
