from . import event_lead_manager_report_wizard
from . import base_partner_merge_automatic_wizard
