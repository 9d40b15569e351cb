def post_init_hook(env):
    """A fresh database gets the deal statuses as its pipeline (see
    ``event.lead.stage.mapping.wizard._event_lead_adopt_default_stages``)."""
    env["event.lead.stage.mapping.wizard"]._event_lead_adopt_default_stages()
