from . import event_lead_funnel_report
