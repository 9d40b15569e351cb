from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestDealStatusFacts(EventLeadDealCommon):
    """A deal status is what we know: our offer and the client's budget."""

    def test_shipped_statuses_are_defined_by_their_facts(self):
        self.assertEqual(
            [
                (stage.event_lead_offer_min, stage.event_lead_budget_min, stage.probability)
                for stage in (self.stage_need, self.stage_negotiation, self.stage_contract)
            ],
            [("not_made", "guess", 3), ("made", "known", 20), ("chosen", "invoiced", 90)],
        )

    def test_negotiation_needs_an_offer_and_a_known_budget(self):
        lead = self._lead()
        self.assertEqual((lead.event_lead_offer_state, lead.event_lead_budget_state), ("not_made", "guess"))
        with self.assertRaisesRegex(UserError, "cannot enter «Negotiation».*our offer must be «Made».*budget"):
            lead.write({"stage_id": self.stage_negotiation.id})
        lead.event_lead_offer_state = "made"
        with self.assertRaisesRegex(
            UserError, "the client's budget must be «We know it» \\(it is «We are guessing»\\)"
        ):
            lead.write({"stage_id": self.stage_negotiation.id})
        self.assertEqual(lead.stage_id, self.stage_need)
        lead.event_lead_budget_state = "known"
        lead.write({"stage_id": self.stage_negotiation.id})
        self.assertEqual(lead.probability, 20)

    def test_contract_approval_needs_choice_and_invoice(self):
        lead = self._walk(self._lead(), self.stage_negotiation)
        with self.assertRaisesRegex(UserError, "«Made, and we were chosen»"):
            lead.write({"stage_id": self.stage_contract.id, "event_lead_budget_state": "invoiced"})
        lead.write(
            {
                "stage_id": self.stage_contract.id,
                "event_lead_offer_state": "chosen",
                "event_lead_budget_state": "invoiced",
            }
        )
        self.assertEqual(lead.stage_id, self.stage_contract)

    def test_created_directly_in_a_status(self):
        Lead = self.env["crm.lead"].with_user(self.user_advisor)
        base = {"name": "Выставка 2027", "type": "opportunity", "partner_id": self.client.id}
        with self.assertRaisesRegex(UserError, "cannot enter «Negotiation»"):
            Lead.create({**base, "stage_id": self.stage_negotiation.id})
        lead = Lead.create(
            {
                **base,
                "stage_id": self.stage_negotiation.id,
                "event_lead_offer_state": "made",
                "event_lead_budget_state": "known",
            }
        )
        self.assertEqual(lead.probability, 20)

    def test_facts_cannot_fall_below_the_status(self):
        lead = self._walk(self._lead(), self.stage_negotiation)
        with self.assertRaisesRegex(UserError, "cannot enter «Negotiation»"):
            lead.event_lead_budget_state = "guess"
        lead.write({"stage_id": self.stage_need.id})
        lead.event_lead_budget_state = "guess"  # back in Need, the budget may be a guess again
        self.assertEqual(lead.event_lead_budget_state, "guess")

    def test_advisor_records_facts_on_the_form(self):
        lead = self._lead()
        with Form(lead.with_user(self.user_advisor)) as form:
            form.event_lead_offer_state = "made"
            form.event_lead_budget_state = "known"
            form.stage_id = self.stage_negotiation
        self.assertEqual(lead.stage_id, self.stage_negotiation)

    def test_filters_by_either_fact(self):
        guessed = self._lead(name="Угадываем")
        offered = self._lead(name="Предложили", event_lead_offer_state="made")
        known = self._walk(self._lead(name="Знаем бюджет"), self.stage_negotiation)
        Lead = self.env["crm.lead"].with_user(self.user_advisor)
        ours = guessed | offered | known
        self.assertEqual(
            Lead.search([("id", "in", ours.ids), ("event_lead_offer_state", "=", "made")]), offered | known
        )
        self.assertEqual(
            Lead.search([("id", "in", ours.ids), ("event_lead_budget_state", "=", "guess")]), guessed | offered
        )
        search_view = self.env["crm.lead"].get_views([(False, "search")])["views"]["search"]["arch"]
        for name in ("filter_event_lead_offer_made", "filter_event_lead_budget_known", "group_event_lead_budget"):
            self.assertIn(f'name="{name}"', search_view)

    def test_requirements_in_the_pipeline_tooltip(self):
        """The kanban column tooltip (the stage's requirements) tells the facts, in Russian too."""
        self.assertEqual(self.stage_negotiation.requirements, "Our offer: made. Client's budget: we know it.")
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["event_lead_followup"], ["ru_RU"], overwrite=True)
        self.assertIn("Наше предложение", self.stage_negotiation.with_context(lang="ru_RU").requirements)

    def test_mapping_an_old_stage_records_its_facts(self):
        old = self.env["crm.stage"].create({"name": "Старая стадия: КП отправлено", "sequence": 0})
        lead = self._lead(stage=old)
        lead._event_lead_map_to_stage(self.stage_contract)
        self.assertEqual(lead.stage_id, self.stage_contract)
        self.assertEqual((lead.event_lead_offer_state, lead.event_lead_budget_state), ("chosen", "invoiced"))
