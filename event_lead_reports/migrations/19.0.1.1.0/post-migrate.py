"""19.0.1.1.0: the jobs and record rules are noupdate (see ``keep_admin_edits``)."""

from openupgradelib import openupgrade

from odoo.addons.event_lead_followup.tools.upgrades import keep_admin_edits


@openupgrade.migrate()
def migrate(env, version):
    keep_admin_edits(env, "event_lead_reports")
