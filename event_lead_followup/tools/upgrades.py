"""What the migrations of our addons share."""

from openupgradelib import openupgrade


def keep_admin_edits(env, module):
    """The jobs and record rules of ``module`` are data an administrator may
    change (a job's schedule, a rule switched off): ``noupdate``, as on a fresh
    install, so that later upgrades keep those changes. Databases installed
    before 19.0.1.1.0 had them updatable; a release that changes one of these
    records re-applies it in its own migration."""
    openupgrade.logged_query(
        env.cr,
        """
        UPDATE ir_model_data SET noupdate = TRUE
         WHERE module = %s AND model IN ('ir.cron', 'ir.rule') AND NOT noupdate
        """,
        (module,),
    )
