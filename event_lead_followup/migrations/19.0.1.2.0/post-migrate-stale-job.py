"""19.0.1.2.0: the stale-client job lives with its digest
(``event.lead.stale.digest._cron_flag_stale_clients``, was on
``res.partner``). Jobs are ``noupdate`` since 19.0.1.1.0, so a database
installed at that version keeps the old target: re-applied here, the job's
schedule and activity left as the administrator set them."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    cron = env.ref("event_lead_followup.ir_cron_flag_stale_clients", raise_if_not_found=False)
    if cron:
        cron.write(
            {
                "model_id": env["ir.model"]._get_id("event.lead.stale.digest"),
                "code": "model._cron_flag_stale_clients()",
            }
        )
