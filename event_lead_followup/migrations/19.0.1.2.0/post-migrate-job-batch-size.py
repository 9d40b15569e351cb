"""19.0.1.2.0: one batch size for every job (``tools/jobs.py``).

Three jobs of 19.0.1.0.0 read their own undocumented parameter. An
administrator who set one of them chose smaller (or larger) batches for that
machine: the new setting takes the smallest value set, the safer choice for
every job, and the old parameters go."""

from openupgradelib import openupgrade

OLD_PARAMS = (
    "event_lead_followup.reminder_batch_size",
    "event_lead_reports.reminder_batch_size",
    "event_lead_tags.batch_size",
)


@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute(
        "SELECT value FROM ir_config_parameter WHERE key IN %s AND value ~ '^[0-9]+$' AND value::int > 0",
        (OLD_PARAMS,),
    )
    sizes = [int(value) for (value,) in env.cr.fetchall()]
    Param = env["ir.config_parameter"].sudo()
    if sizes and not Param.get_param("event_lead_followup.job_batch_size"):
        Param.set_param("event_lead_followup.job_batch_size", str(min(sizes)))
    openupgrade.logged_query(env.cr, "DELETE FROM ir_config_parameter WHERE key IN %s", (OLD_PARAMS,))
