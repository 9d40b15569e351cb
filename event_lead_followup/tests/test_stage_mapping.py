from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..tools import waivers
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
        # deals of the pipeline the company had before the addon
        with waivers.waive(waivers.STATUS_POLICY):
            Lead = cls.env["crm.lead"]
            cls.open_lead = Lead.create(
                {"name": "Открытая", "type": "opportunity", "stage_id": cls.old_offer.id, "partner_id": cls.client.id}
            )
            cls.won_lead = Lead.create(
                {"name": "Выигранная", "type": "opportunity", "stage_id": cls.old_won.id, "probability": 100}
            )
            cls.lost_lead = Lead.create({"name": "Проигранная", "type": "opportunity", "stage_id": cls.old_offer.id})
            cls.lost_lead.action_set_lost()

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
        self.assertEqual(set(lines), {self.old_new, self.old_offer, self.old_won})
        self.assertEqual(lines[self.old_offer].lead_count, 2, "lost deals count too")
        self.assertEqual(lines[self.old_won].target_stage_id, self.stage_won, "won maps to Won by default")
        self.assertFalse(lines[self.old_new].target_stage_id, "the admin decides")

    def test_mapping_moves_deals_and_keeps_outcomes(self):
        wizard = self._wizard()
        with wizard.line_ids.edit(self._line(wizard, self.old_offer)) as line:
            line.target_stage_id = self.stage_contract
        wizard.save().action_apply()
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
        self._send_key_documents(self.open_lead._event_lead_ensure_document_package().lead_id)
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
        wizard = self.env["event.lead.stage.mapping.wizard"].create({})
        with self.assertRaises(UserError):
            wizard.with_user(self.user_manager).action_apply()

    def test_fresh_database_adoption(self):
        """Odoo's default stages are replaced only when none of them holds a deal."""
        data = self.env["ir.model.data"].search([("module", "=", "crm"), ("name", "=", "stage_lead2")])
        Mapping = self.env["event.lead.stage.mapping.wizard"]
        # simulate a database where crm's Qualified stage is Odoo's own, with a deal in it
        data.res_id = self.old_offer.id
        data.flush_recordset()
        self.assertEqual(self.env.ref("crm.stage_lead2"), self.old_offer)
        self.assertFalse(Mapping._event_lead_adopt_default_stages(), "a deal is in it: the admin maps")
        self.assertTrue(self.old_offer.exists())
        # the same database without deals there: the stage is replaced by Negotiation
        with waivers.waive(waivers.STATUS_POLICY):
            (self.open_lead | self.lost_lead).write({"stage_id": self.old_new.id})
        self.assertTrue(Mapping._event_lead_adopt_default_stages())
        self.assertFalse(self.old_offer.exists())
        self.assertEqual(self.env.ref("crm.stage_lead2"), self.stage_negotiation)
