def post_init_hook(env):
    """Prepare a database the addon is installed on:

    - index the partners that exist before the addon, for the duplicate guard;
    - on a fresh database, Odoo's default sales team follows the deal
      statuses (``crm.team._event_lead_adopt_statuses_if_fresh``); a database
      with deals keeps its pipelines until the administrator maps them.
    """
    env["event.lead.partner.key"]._reindex_all()
    env["crm.team"]._event_lead_adopt_statuses_if_fresh()
