from . import test_siagie_register
from . import test_siagie_import
from . import test_siagie_matrix
