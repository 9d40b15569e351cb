from . import test_security
from . import test_date_rule
from . import test_campaign_send
from . import test_campaign_clicks
from . import test_campaign_access
from . import test_campaign_concurrency
