from . import event_lead_manager_report_wizard
