from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestDealStages(EventLeadDealCommon):
    def test_statuses_and_probabilities(self):
        """The department's statuses with their fixed probabilities (Need 3 %, Negotiation 20 %,
        Contract approval 90 %, Won 100 %), Negotiation and Contract approval mandatory."""
        self.assertRecordValues(
            self.stage_need | self.stage_negotiation | self.stage_contract | self.stage_won,
            [
                {"probability": 3, "on_change": True, "event_lead_mandatory": False, "is_won": False},
                {"probability": 20, "on_change": True, "event_lead_mandatory": True, "is_won": False},
                {"probability": 90, "on_change": True, "event_lead_mandatory": True, "is_won": False},
                {"probability": 100, "on_change": True, "event_lead_mandatory": False, "is_won": True},
            ],
        )

    def test_installed_team_follows_the_statuses_odoo_teams_do_not(self):
        """The addon brings a team that follows the deal statuses; Odoo's
        default team, its stages and its place as users' default stay Odoo's."""
        ours = self.env.ref("event_lead_followup.crm_team_event_leads")
        self.assertTrue(ours.event_lead_follow_statuses)
        default_team = self.env.ref("sales_team.team_sales_department")
        self.assertFalse(default_team.event_lead_follow_statuses)
        self.assertGreater(ours.sequence, default_team.sequence)
        odoo_new = self.env.ref("crm.stage_lead1")
        self.assertFalse(odoo_new.event_lead_status)
        statuses = self.stage_need | self.stage_negotiation | self.stage_contract | self.stage_won
        self.assertTrue(all(stage.sequence > self.env.ref("crm.stage_lead4").sequence for stage in statuses))
        outsider = new_test_user(self.env, "el_outsider", "sales_team.group_sale_salesman", name="Odoo Salesman")
        lead = self.env["crm.lead"].with_user(outsider).create({"name": "Odoo's own deal", "type": "opportunity"})
        self.assertNotEqual(lead.team_id, ours)
        self.assertEqual(lead.stage_id, odoo_new)

    def test_pipeline_columns_per_team(self):
        """A team that follows the statuses sees them; another team sees Odoo's stages."""
        statuses = self.stage_need | self.stage_negotiation | self.stage_contract | self.stage_won
        odoo_team = self.env["crm.team"].create({"name": "Retail"})
        Stage, Lead = self.env["crm.stage"], self.env["crm.lead"]
        ours = Lead.with_context(default_team_id=self.sales_team.id)._read_group_stage_ids(Stage, [])
        theirs = Lead.with_context(default_team_id=odoo_team.id)._read_group_stage_ids(Stage, [])
        self.assertEqual(ours & statuses, statuses)
        self.assertFalse(ours.filtered(lambda stage: not stage.event_lead_status and not stage.team_ids))
        self.assertFalse(theirs & statuses)
        self.assertIn(self.env.ref("crm.stage_lead1"), theirs)
        # a new deal starts in the first stage of its team's pipeline
        self.assertEqual(Lead.create({"name": "A", "team_id": self.sales_team.id}).stage_id, self.stage_need)
        self.assertEqual(Lead.create({"name": "B", "team_id": odoo_team.id}).stage_id, self.env.ref("crm.stage_lead1"))

    def test_probability_follows_status(self):
        lead = self._lead()
        self.assertEqual(lead.probability, 3)
        self._walk(lead, self.stage_negotiation)
        self.assertEqual(lead.probability, 20)
        self._walk(lead, self.stage_contract)
        self.assertEqual(lead.probability, 90)
        self._walk(lead, self.stage_negotiation)
        self.assertEqual(lead.probability, 20)
        self._send_key_documents(self._walk(lead, self.stage_contract))
        lead.action_set_won()
        self.assertEqual(lead.probability, 100)
        self.assertEqual(lead.won_status, "won")

    def test_probability_in_the_form(self):
        """Changing the status in the form shows its probability at once."""
        lead = self._lead(stage=self.stage_negotiation)
        with Form(lead.with_user(self.user_advisor)) as form:
            form.event_lead_offer_state = "chosen"
            form.event_lead_budget_state = "invoiced"
            form.stage_id = self.stage_contract
            self.assertEqual(form.probability, 90)

    def test_predictive_scoring_does_not_overwrite(self):
        """Odoo's predictive lead scoring (recompute and daily cron) leaves the status probability alone."""
        # history for PLS: won and lost deals of the same client
        for index in range(4):
            won = self._walk(self._lead(name=f"Won {index}"), self.stage_negotiation, self.stage_contract)
            self._send_key_documents(won)
            won.action_set_won()
            self._lead(name=f"Lost {index}", stage=self.stage_negotiation).action_set_lost()
        self.env["ir.config_parameter"].sudo().set_param("crm.pls_start_date", "2000-01-01")
        self.env["ir.config_parameter"].sudo().set_param("crm.pls_fields", "phone_state,email_state")
        lead = self._lead(stage=self.stage_negotiation)
        self.assertEqual(lead.probability, 20)
        lead._compute_probabilities()
        self.assertEqual(lead.probability, 20)
        # the cron rewrites the probability wherever it equals the automated one
        free_stage = self.env["crm.stage"].create({"name": "Без фиксированной вероятности", "sequence": 0})
        control = self._lead(stage=free_stage)
        (lead | control).write({"automated_probability": 20})
        control.write({"probability": 20})
        self.env["crm.lead"].sudo()._cron_update_automated_probabilities()
        (lead | control).invalidate_recordset()
        self.assertNotEqual(control.probability, 20, "PLS did rewrite a deal of a stage without fixed probability")
        self.assertEqual(lead.probability, 20, "...and left the deal at its status probability")

    def test_negotiation_cannot_be_skipped(self):
        lead = self._lead()
        with self.assertRaisesRegex(UserError, "has not been through «Negotiation»"):
            lead.write({"stage_id": self.stage_contract.id})
        self.assertEqual(lead.stage_id, self.stage_need)

    def test_won_needs_both_mandatory_statuses(self):
        lead = self._lead()
        with self.assertRaisesRegex(UserError, "«Negotiation», «Contract approval»"):
            lead.write({"stage_id": self.stage_won.id})
        self._walk(lead, self.stage_negotiation)
        with self.assertRaisesRegex(UserError, "«Contract approval»"):
            lead.action_set_won()
        with self.assertRaisesRegex(UserError, "«Contract approval»"):
            lead.action_set_won_rainbowman()
        self.assertEqual(lead.won_status, "pending")

    def test_full_path_and_back(self):
        """Once through a mandatory status, a deal may step back and go forward again."""
        lead = self._walk(self._lead(), self.stage_negotiation, self.stage_contract, self.stage_need)
        self.assertEqual(
            lead.event_lead_passed_stage_ids, self.stage_need | self.stage_negotiation | self.stage_contract
        )
        self._send_key_documents(lead)
        lead.write({"stage_id": self.stage_won.id})
        self.assertEqual(lead.won_status, "won")

    def test_create_beyond_a_mandatory_status_is_refused(self):
        with self.assertRaisesRegex(UserError, "«Negotiation»"):
            self._lead(stage=self.stage_contract)
        # starting at Negotiation skips only the optional Need
        self.assertEqual(self._lead(stage=self.stage_negotiation).probability, 20)

    def test_team_stage_is_mandatory_for_its_team_only(self):
        team = self.env["crm.team"].create({"name": "Экспоненты", "event_lead_follow_statuses": True})
        check = self.env["crm.stage"].create(
            {"name": "Проверка", "sequence": 101, "event_lead_mandatory": True, "team_ids": [(6, 0, team.ids)]}
        )
        lead = self._lead(stage=self.stage_negotiation)
        self._walk(lead, self.stage_contract)
        self.assertNotIn(check, lead.event_lead_passed_stage_ids)
        team_lead = self._lead(stage=self.stage_need, team_id=team.id)
        with self.assertRaisesRegex(UserError, "«Проверка»"):
            self._walk(team_lead, self.stage_negotiation, self.stage_contract)
