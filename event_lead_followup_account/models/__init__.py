from . import account_move
from . import event_lead_document
