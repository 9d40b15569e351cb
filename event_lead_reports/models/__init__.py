from . import event_event
from . import event_lead_report_ratio_mixin
from . import event_lead_sales_plan
from . import event_lead_schiffman_reminder
from . import res_company
from . import res_config_settings
from . import event_lead_demo
