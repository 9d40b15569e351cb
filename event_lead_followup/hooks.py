def post_init_hook(env):
    """Index the partners that exist before the addon, for the duplicate guard."""
    env["event.lead.partner.key"]._reindex_all()
