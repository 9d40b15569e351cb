from . import test_security
from . import test_funnel_report
