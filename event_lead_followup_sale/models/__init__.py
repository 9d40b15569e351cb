from . import event_lead_contact_result
from . import event_lead_document
from . import sale_order
