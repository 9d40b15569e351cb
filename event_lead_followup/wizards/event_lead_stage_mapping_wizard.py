from odoo import api, fields, models
from odoo.exceptions import UserError

# The deal statuses this addon installs, in order.
OUR_STAGES = (
    "event_lead_followup.crm_stage_need",
    "event_lead_followup.crm_stage_negotiation",
    "event_lead_followup.crm_stage_contract",
    "event_lead_followup.crm_stage_won",
)
# What Odoo's default pipeline becomes: New → Need, Qualified → Negotiation,
# Proposition → Contract approval, Won → Won.
ODOO_DEFAULT_STAGES = dict(
    zip(("crm.stage_lead1", "crm.stage_lead2", "crm.stage_lead3", "crm.stage_lead4"), OUR_STAGES, strict=True)
)


class EventLeadStageMappingWizard(models.TransientModel):
    """Bring an existing pipeline to the deal statuses of the seed.

    On a database that already has stages with deals, nothing is changed at
    install: the admin maps each existing stage to a deal status here. Deals
    move (open ones take the new probability, won and lost ones keep their
    outcome), and the old stages are removed only when asked and once empty.
    """

    _name = "event.lead.stage.mapping.wizard"
    _description = "Map existing stages to the deal statuses"

    line_ids = fields.One2many("event.lead.stage.mapping.line", "wizard_id", string="Stages")
    remove_mapped_stages = fields.Boolean(
        string="Remove the mapped stages",
        help="Once their deals have moved, delete the old stages so that the pipeline shows the deal "
        "statuses only. Left unticked, the old stages stay, empty.",
    )

    @api.model
    def _event_lead_our_stages(self):
        stages = self.env["crm.stage"]
        for xml_id in OUR_STAGES:
            stages |= self.env.ref(xml_id, raise_if_not_found=False) or stages
        return stages

    @api.model
    def _event_lead_suggested_target(self, stage):
        """Odoo's default stages map by meaning, won stages to Won; others are left to the admin."""
        for odoo_xml_id, our_xml_id in ODOO_DEFAULT_STAGES.items():
            if self.env.ref(odoo_xml_id, raise_if_not_found=False) == stage:
                return self.env.ref(our_xml_id, raise_if_not_found=False)
        if stage.is_won:
            return self.env.ref("event_lead_followup.crm_stage_won", raise_if_not_found=False)
        return self.env["crm.stage"]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ours = self._event_lead_our_stages()
        others = self.env["crm.stage"].search([("id", "not in", ours.ids)])
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("stage_id", "in", others.ids)], ["stage_id"], ["__count"])
        )
        values["line_ids"] = [
            fields.Command.create(
                {
                    "stage_id": stage.id,
                    "lead_count": counts.get(stage, 0),
                    "target_stage_id": self._event_lead_suggested_target(stage).id,
                }
            )
            for stage in others
        ]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.is_admin():
            raise UserError(self.env._("Only an administrator maps the pipeline stages."))
        lines = self.line_ids.filtered("target_stage_id")
        if not lines:
            raise UserError(self.env._("Choose the deal status of at least one stage."))
        for line in lines:
            if line.target_stage_id.is_won != line.stage_id.is_won:
                raise UserError(
                    self.env._(
                        "«%(stage)s» cannot become «%(target)s»: a won stage maps to a won stage only.",
                        stage=line.stage_id.name,
                        target=line.target_stage_id.name,
                    )
                )
        Lead = self.env["crm.lead"].with_context(active_test=False)
        for line in lines:
            Lead.search([("stage_id", "=", line.stage_id.id)])._event_lead_map_to_stage(line.target_stage_id)
        if self.remove_mapped_stages:
            for line in lines:
                line.stage_id._event_lead_merge_into(line.target_stage_id)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The pipeline now uses the deal statuses."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _event_lead_adopt_default_stages(self):
        """On a fresh database (none of Odoo's default stages holds a deal,
        archived ones included), replace Odoo's default stages by the deal
        statuses, so that the pipeline is ours. Otherwise change nothing: the
        admin maps the stages with this wizard."""
        pairs = []
        for odoo_xml_id, our_xml_id in ODOO_DEFAULT_STAGES.items():
            stage = self.env.ref(odoo_xml_id, raise_if_not_found=False)
            ours = self.env.ref(our_xml_id, raise_if_not_found=False)
            if stage and ours and stage not in self._event_lead_our_stages():
                pairs.append((stage, ours))
        stages = self.env["crm.stage"].union(*(stage for stage, _ours in pairs))
        if not stages or self.env["crm.lead"].with_context(active_test=False).search_count(
            [("stage_id", "in", stages.ids)], limit=1
        ):
            return False
        for stage, ours in pairs:
            stage._event_lead_merge_into(ours)
        return True

    @api.model
    def _event_lead_map_default_stages(self):
        """Map Odoo's default stages (and their deals) to the deal statuses
        and remove them: the suggested mapping applied at once (demo data)."""
        defaults = self.env["crm.stage"].union(
            *(self.env.ref(xml_id, raise_if_not_found=False) or self.env["crm.stage"] for xml_id in ODOO_DEFAULT_STAGES)
        )
        wizard = self.create({"remove_mapped_stages": True})
        wizard.line_ids.filtered(lambda line: line.stage_id not in defaults).target_stage_id = False
        if wizard.line_ids.filtered("target_stage_id"):
            wizard.action_apply()
