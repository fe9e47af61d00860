from . import school_scholarship_award_wizard
from . import school_scholarship_appeal_wizard
