from . import models
from . import report
from . import wizards


def _post_init_hook(env):
    """Index the partners that exist before the addon, for the duplicate guard."""
    env["res.partner"]._event_lead_index_all()
