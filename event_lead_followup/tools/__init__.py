from . import duplicate_keys
from . import months
from . import waivers
from . import readers
from . import locks
from . import jobs
