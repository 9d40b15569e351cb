from . import event_lead_funnel_report
from . import event_lead_contact_report
from . import event_lead_refusal_report
from . import event_lead_plan_report
from . import event_lead_bonus_report
from . import event_lead_schiffman_report
from . import event_lead_call_report
from . import event_lead_document_report
