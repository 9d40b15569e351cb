"""The client actions our buttons and dialogs answer with."""

CLOSE = {"type": "ir.actions.act_window_close"}
RELOAD = {"type": "ir.actions.client", "tag": "soft_reload"}


def notification(message, kind="success", then=None):
    """Odoo's passing notification with ``message`` (``kind``: success, info,
    warning, danger), then the action ``then`` (by default: close the dialog)."""
    return {
        "type": "ir.actions.client",
        "tag": "display_notification",
        "params": {"type": kind, "sticky": False, "message": message, "next": dict(then or CLOSE)},
    }
