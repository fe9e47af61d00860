from . import test_lateness_entries
