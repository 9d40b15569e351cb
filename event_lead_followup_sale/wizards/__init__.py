from . import event_lead_contact_result_wizard
