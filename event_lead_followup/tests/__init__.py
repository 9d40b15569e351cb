from . import test_dossier
from . import test_greeting
from . import test_security_groups
