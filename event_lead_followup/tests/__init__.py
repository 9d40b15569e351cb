from . import test_greeting
from . import test_security_groups
from . import test_duplicate_keys
from . import test_duplicate_guard
from . import test_ownership
from . import test_transfer
from . import test_stale
from . import test_client_card
