from . import school_sige_backend
