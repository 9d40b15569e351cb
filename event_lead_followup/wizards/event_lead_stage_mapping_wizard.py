from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import actions

# Odoo's default stages and the deal status each suggests.
SUGGESTED_STATUS = {
    "crm.stage_lead1": "event_lead_followup.crm_stage_need",
    "crm.stage_lead2": "event_lead_followup.crm_stage_negotiation",
    "crm.stage_lead3": "event_lead_followup.crm_stage_contract",
    "crm.stage_lead4": "event_lead_followup.crm_stage_won",
}


class EventLeadStageMappingWizard(models.TransientModel):
    """Bring existing sales teams and their deals to the deal statuses.

    On a database that already has deals, nothing changes at install: the
    administrator chooses the teams that follow the deal statuses from now on
    and maps each existing stage to a status. Deals move (open ones take the
    new probability, won and lost ones keep their outcome), and the old
    stages are removed only when asked and once empty. Other teams keep
    Odoo's pipeline.
    """

    _name = "event.lead.stage.mapping.wizard"
    _description = "Map existing stages to the deal statuses"

    team_ids = fields.Many2many(
        "crm.team",
        string="Teams",
        help="The sales teams that follow the deal statuses from now on. Their pipeline becomes the statuses; "
        "other teams keep theirs.",
    )
    line_ids = fields.One2many("event.lead.stage.mapping.line", "wizard_id", string="Stages")
    remove_mapped_stages = fields.Boolean(
        string="Remove the mapped stages",
        help="Once their deals have moved, delete the old stages. Left unticked, the old stages stay, "
        "empty, for the teams that do not follow the deal statuses.",
    )

    @api.model
    def _suggested_target(self, stage):
        """Odoo's default stages map by meaning, won stages to Won; others are left to the admin."""
        for odoo_xml_id, our_xml_id in SUGGESTED_STATUS.items():
            if self.env.ref(odoo_xml_id, raise_if_not_found=False) == stage:
                return self.env.ref(our_xml_id, raise_if_not_found=False)
        if stage.is_won:
            return self.env.ref("event_lead_followup.crm_stage_won", raise_if_not_found=False)
        return self.env["crm.stage"]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        others = self.env["crm.stage"].search([("event_lead_status", "=", False)])
        groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("stage_id", "in", others.ids)], ["stage_id", "team_id"], ["__count"])
        )
        counts, teams = {}, self.env["crm.team"]
        for stage, team, count in groups:
            counts[stage] = counts.get(stage, 0) + count
            teams |= team
        if "team_ids" in fields_list:
            values["team_ids"] = [fields.Command.set(teams.filtered(lambda t: not t.event_lead_follow_statuses).ids)]
        values["line_ids"] = [
            fields.Command.create(
                {
                    "stage_id": stage.id,
                    "lead_count": counts.get(stage, 0),
                    "target_stage_id": self._suggested_target(stage).id,
                }
            )
            for stage in others
        ]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.is_system():
            raise AccessError(self.env._("Only an administrator maps the pipeline stages."))
        if not self.team_ids:
            raise UserError(self.env._("Choose the sales teams that follow the deal statuses."))
        lines = self.line_ids.filtered("target_stage_id")
        for line in lines:
            if line.target_stage_id.is_won != line.stage_id.is_won:
                raise UserError(
                    self.env._(
                        "«%(stage)s» cannot become «%(target)s»: a won stage maps to a won stage only.",
                        stage=line.stage_id.name,
                        target=line.target_stage_id.name,
                    )
                )
        self.team_ids._event_lead_adopt_statuses()
        Lead = self.env["crm.lead"].with_context(active_test=False)
        for line in lines:
            Lead.search(
                [("stage_id", "=", line.stage_id.id), ("team_id", "in", self.team_ids.ids)]
            )._event_lead_map_to_stage(line.target_stage_id)
        if self.remove_mapped_stages:
            for line in lines:
                line.stage_id._event_lead_merge_into(line.target_stage_id)
        return actions.notification(
            self.env._("%(teams)s now follow the deal statuses.", teams=", ".join(self.team_ids.mapped("name")))
        )
