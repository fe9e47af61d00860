from . import school_wellbeing_campaign
from . import school_wellbeing_sheet
from . import school_wellbeing_question
from . import school_wellbeing_option
from . import school_wellbeing_answer
from . import school_wellbeing_answer_line
