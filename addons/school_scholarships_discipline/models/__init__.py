from . import school_discipline_case
from . import school_scholarship_loss_proposal
