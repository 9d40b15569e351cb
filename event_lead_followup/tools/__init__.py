from . import duplicate_keys
