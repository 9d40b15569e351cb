from odoo import api, fields, models
from odoo.exceptions import UserError

# The two facts that define a deal status (the department's table "Статусы /
# Мы предложение / Мы бюджет / Вероятность": status, our offer, the client's
# budget, probability), from the weakest to the strongest.
OFFER_STATES = [
    ("not_made", "Not made yet"),
    ("made", "Made"),
    ("chosen", "Made, and we were chosen"),
]
BUDGET_STATES = [
    ("guess", "We are guessing"),
    ("known", "We know it"),
    ("invoiced", "Exact figure in an invoice"),
]


# The deal statuses this addon installs, in order.
STATUS_STAGES = (
    "event_lead_followup.crm_stage_need",
    "event_lead_followup.crm_stage_negotiation",
    "event_lead_followup.crm_stage_contract",
    "event_lead_followup.crm_stage_won",
)


class CrmStage(models.Model):
    _inherit = "crm.stage"

    event_lead_status = fields.Boolean(
        string="Deal status",
        index=True,
        help="One of the deal statuses: shown in the pipeline of the sales teams that follow them, "
        "hidden from the other teams' pipelines.",
    )

    event_lead_mandatory = fields.Boolean(
        string="Mandatory step",
        help="A deal cannot skip this stage on its way to a later stage or to Won: "
        "the department agreed to always record it (by default: Negotiation and Contract approval).",
    )
    event_lead_offer_min = fields.Selection(
        OFFER_STATES,
        string="Our offer at least",
        help="A deal enters this status only when our offer has reached this point.",
    )
    event_lead_budget_min = fields.Selection(
        BUDGET_STATES,
        string="Client's budget at least",
        help="A deal enters this status only when what we know of the client's budget has reached this point.",
    )
    # the pipeline shows it as the status's tooltip: in the user's language
    requirements = fields.Text(translate=True)
    event_lead_document_package = fields.Boolean(
        string="Needs the document package",
        help="A deal entering this stage gets its document package (application, contract, "
        "invoice, act...) according to its deal type.",
    )

    @api.model
    def _event_lead_status_stages(self):
        """The deal statuses (the stages this addon installs, and any an admin marked)."""
        return self.search([("event_lead_status", "=", True)], order="sequence, id")

    def _event_lead_applies_to(self, team):
        """The stages of ``self`` shown in the pipeline of ``team``."""
        return self.filtered(lambda stage: not stage.team_ids or team in stage.team_ids)

    def _event_lead_merge_into(self, target):
        """Replace the empty stages of ``self`` by ``target``.

        Their external ids are moved to ``target`` first, so that the modules
        that defined them (crm's default New/Qualified/Proposition/Won) and
        their demo data keep finding a stage, and an update of those modules
        does not recreate them.
        """
        target.ensure_one()
        stages = self - target
        if not stages:
            return
        if self.env["crm.lead"].with_context(active_test=False).search_count([("stage_id", "in", stages.ids)]):
            raise UserError(self.env._("Move the deals out of a stage before removing it."))
        # sudo: move the external ids of the stages an administrator removes (checked by the wizard)
        data = self.env["ir.model.data"].sudo().search([("model", "=", "crm.stage"), ("res_id", "in", stages.ids)])
        data.write({"res_id": target.id})
        data.flush_recordset()  # env.ref() reads the table directly
        stages.unlink()
