from . import test_wellbeing_campaign
from . import test_wellbeing_survey_matrix
from . import test_wellbeing_workbook
from . import test_wellbeing_risk
from . import test_wellbeing_portal
from . import test_wellbeing_report
from . import test_wellbeing_dashboard
from . import test_wellbeing_trend
