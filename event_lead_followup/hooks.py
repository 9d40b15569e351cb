def post_init_hook(env):
    """Prepare a database the addon is installed on:

    - index the partners that exist before the addon, for the duplicate guard;
    - a fresh database gets the deal statuses as its pipeline (see
      ``event.lead.stage.mapping.wizard._event_lead_adopt_default_stages``).
    """
    env["event.lead.partner.key"]._reindex_all()
    env["event.lead.stage.mapping.wizard"]._event_lead_adopt_default_stages()
