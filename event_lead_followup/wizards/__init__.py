from . import event_lead_contact_result_wizard
from . import event_lead_handoff_wizard
from . import event_lead_stage_mapping_line
from . import event_lead_stage_mapping_wizard
from . import mail_activity_schedule
