"""19.0.1.0.0 applied the deal statuses to every sales team. From 19.0.1.1.0
they are the rules of the teams that follow them: a database upgraded keeps
them for the teams that use them (any deal in a status), and the stages this
addon installed are marked as the statuses."""

from openupgradelib import openupgrade

STATUS_XMLIDS = ("crm_stage_need", "crm_stage_negotiation", "crm_stage_contract", "crm_stage_won")


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.logged_query(
        env.cr,
        """
        UPDATE crm_stage SET event_lead_status = TRUE
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'event_lead_followup' AND model = 'crm.stage' AND name IN %s)
        """,
        (STATUS_XMLIDS,),
    )
    openupgrade.logged_query(
        env.cr,
        """
        UPDATE crm_team t SET event_lead_follow_statuses = TRUE
         WHERE EXISTS (SELECT 1 FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id
                        WHERE l.team_id = t.id AND s.event_lead_status)
        """,
    )
