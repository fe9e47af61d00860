from . import test_sige_backend
