from . import test_dossier
from . import test_greeting
from . import test_security_groups
from . import test_tour_dossier
