from . import school_siagie_register_print
from . import school_siagie_register_import
