from . import school_scholarship_type
