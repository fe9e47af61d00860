from . import report_siagie_register_xlsx
