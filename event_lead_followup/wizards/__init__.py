from . import event_lead_handover_wizard
from . import event_lead_bonus_owner_wizard
from . import event_lead_partner_check
from . import event_lead_partner_check_line
