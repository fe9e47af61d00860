from . import test_sige_backend
from . import test_sige_client
from . import test_sige_connector_matrix
from . import test_sige_outbox
from . import test_sige_dashboard
