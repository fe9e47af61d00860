from . import report_wellbeing_campaign_xlsx
