from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestStageMapping(EventLeadDealCommon):
    """A database with its own pipeline: the admin maps it to the deal statuses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Stage = cls.env["crm.stage"]
        cls.old_new = Stage.create({"name": "Первичный контакт", "sequence": 1})
        cls.old_offer = Stage.create({"name": "КП отправлено", "sequence": 2})
        cls.old_won = Stage.create({"name": "Оплачено", "sequence": 60, "is_won": True})
        # the pipeline a team had before the addon: Odoo's rules, deals anywhere
        cls.old_team = cls.env["crm.team"].create({"name": "Отдел продаж до внедрения"})
        Lead = cls.env["crm.lead"].with_context(default_team_id=cls.old_team.id)
        cls.open_lead = Lead.create(
            {"name": "Открытая", "type": "opportunity", "stage_id": cls.old_offer.id, "partner_id": cls.client.id}
        )
        cls.won_lead = Lead.create(
            {"name": "Выигранная", "type": "opportunity", "stage_id": cls.old_won.id, "probability": 100}
        )
        cls.lost_lead = Lead.create({"name": "Проигранная", "type": "opportunity", "stage_id": cls.old_offer.id})
        cls.lost_lead.action_set_lost()
        # another team that keeps Odoo's pipeline
        cls.retail_team = cls.env["crm.team"].create({"name": "Розница"})
        cls.retail_lead = Lead.create(
            {"name": "Розничная", "type": "opportunity", "stage_id": cls.old_offer.id, "team_id": cls.retail_team.id}
        )

    def _wizard(self):
        return Form(self.env["event.lead.stage.mapping.wizard"])

    def _line(self, form, stage):
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                if line.stage_id == stage:
                    return index
        raise AssertionError(stage.name)

    def test_lines_list_the_existing_stages(self):
        wizard = self._wizard().save()
        lines = {line.stage_id: line for line in wizard.line_ids}
        self.assertLessEqual({self.old_new, self.old_offer, self.old_won}, set(lines))
        self.assertFalse(set(lines) & set(self.stage_need | self.stage_won), "the statuses are not mapped")
        self.assertEqual(lines[self.old_offer].lead_count, 3, "lost deals and other teams' count too")
        self.assertEqual(lines[self.old_won].target_stage_id, self.stage_won, "won maps to Won by default")
        self.assertFalse(lines[self.old_new].target_stage_id, "the admin decides")
        self.assertEqual(wizard.team_ids, self.old_team | self.retail_team, "the teams with deals there")

    def test_mapping_moves_deals_and_keeps_outcomes(self):
        wizard = self._wizard()
        wizard.team_ids.remove(self.retail_team.id)
        with wizard.line_ids.edit(self._line(wizard, self.old_offer)) as line:
            line.target_stage_id = self.stage_contract
        wizard.save().action_apply()
        self.assertTrue(self.old_team.event_lead_follow_statuses)
        self.assertFalse(self.retail_team.event_lead_follow_statuses)
        self.assertEqual(self.retail_lead.stage_id, self.old_offer, "a team that was not chosen keeps its pipeline")
        self.assertEqual(self.open_lead.stage_id, self.stage_contract)
        self.assertEqual(self.open_lead.probability, 90)
        self.assertEqual(self.open_lead.event_lead_passed_stage_ids & self.stage_negotiation, self.stage_negotiation)
        self.assertFalse(self.open_lead.event_lead_document_ids, "no package for migrated deals")
        self.assertEqual(self.won_lead.stage_id, self.stage_won)
        self.assertEqual(self.won_lead.won_status, "won")
        self.assertEqual(self.lost_lead.stage_id, self.stage_contract)
        self.assertEqual(self.lost_lead.won_status, "lost")
        self.assertEqual(self.lost_lead.probability, 0)
        # nothing destroyed: the old stages stay, empty
        self.assertTrue((self.old_new | self.old_offer | self.old_won).exists())
        # the migrated deal goes on under the rules
        self._send_key_documents(self.env["event.lead.document"]._ensure_package(self.open_lead).lead_id)
        self.open_lead.action_set_won()
        self.assertEqual(self.open_lead.won_status, "won")

    def test_remove_mapped_stages(self):
        wizard = self._wizard()
        with wizard.line_ids.edit(self._line(wizard, self.old_offer)) as line:
            line.target_stage_id = self.stage_negotiation
        wizard.remove_mapped_stages = True
        wizard.save().action_apply()
        self.assertFalse(self.old_offer.exists())
        self.assertFalse(self.old_won.exists())
        self.assertTrue(self.old_new.exists(), "an unmapped stage stays")

    def test_won_maps_only_to_won(self):
        wizard = self._wizard().save()
        wizard.line_ids.filtered(lambda line: line.stage_id == self.old_new).target_stage_id = self.stage_won
        with self.assertRaisesRegex(UserError, "a won stage maps to a won stage only"):
            wizard.action_apply()

    def test_only_admins_map(self):
        wizard = self.env["event.lead.stage.mapping.wizard"].create({"team_ids": [(6, 0, self.old_team.ids)]})
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_manager).action_apply()
        self.assertFalse(self.old_team.event_lead_follow_statuses)

    def test_unmapped_team_keeps_odoo_rules(self):
        """A team that does not follow the statuses moves straight to Won, as in Odoo."""
        self.retail_lead.write({"stage_id": self.stage_won.id})
        self.assertEqual(self.retail_lead.won_status, "won")
        self.assertFalse(self.retail_lead.event_lead_bonus_user_id, "no bonus scheme outside the statuses")
        self.assertFalse(self.retail_lead.event_lead_document_ids)
