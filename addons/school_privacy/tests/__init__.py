from . import test_review_dialog
