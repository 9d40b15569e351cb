"""19.0.1.1.0: a Russian database reads a full name typed in one field last
name first. New databases get partner_firstname's name order at installation
(data/partner_names_order_data.xml); a Russian database upgraded from
19.0.1.0.0 gets it here, unless its administrator already chose an order.
Names already stored are kept as they are (Settings > "Recalculate the names"
recomputes them). The new KPP column needs no data."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env["res.config.settings"]._event_lead_set_russian_names_order()
