import datetime

from odoo import fields
from odoo.tests import tagged

from .common import EventLeadReportsCommon


@tagged("post_install", "-at_install")
class TestSchiffmanBoard(EventLeadReportsCommon):
    """Clients placed in the six columns from their results and deals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.event_lead_schiffman_quiet_days = 30
        Partner = cls.env["res.partner"]
        names = ["new", "refused", "interested", "contact2", "perspective", "contract", "purchase", "opportunity"]
        cls.clients = {
            name: Partner.create({"name": f"Шифман {name}", "is_company": True, "user_id": cls.user_advisor.id})
            for name in names
        }
        today = cls.today

        def ago(days):
            return fields.Date.to_string(today - datetime.timedelta(days=days))

        anna, clients, call = cls.user_advisor, cls.clients, cls.call
        cls._results(
            [
                (ago(20), anna, clients["refused"], "refused_participation", call, False, {}),
                (ago(10), anna, clients["interested"], "manual_sent", call, False, {}),
                (ago(60), anna, clients["contact2"], "invitation_sent", call, False, {}),
                (ago(50), anna, clients["contact2"], "other", call, False, {}),
                (ago(45), anna, clients["contact2"], "postponed", call, False, {"postponed_days": 5}),
                (ago(90), anna, clients["perspective"], "manual_sent", call, False, {}),
                (ago(80), anna, clients["perspective"], "other", call, False, {}),
                (ago(70), anna, clients["perspective"], "other", call, False, {}),
                (ago(60), anna, clients["perspective"], "other", call, False, {}),
                (ago(40), anna, clients["perspective"], "other", call, False, {}),
            ]
        )
        contract = cls._deal(clients["contract"], anna, 500000)
        for xmlid in ("event_lead_followup.crm_stage_negotiation", "event_lead_followup.crm_stage_contract"):
            stage = cls.env.ref(xmlid)
            contract.write({"stage_id": stage.id, **cls._stage_facts(stage)})
        cls._win(cls._deal(clients["purchase"], anna, 80000), fields.Datetime.now())
        cls._deal(clients["opportunity"], anna, 30000)

    def _rows(self):
        Report = self.env["event.lead.schiffman.report"]
        return {row.partner_id.name.split()[-1]: row for row in Report.search([("partner_id", "in", self._ids())])}

    def _ids(self):
        return [client.id for client in self.clients.values()]

    def test_columns_from_the_data(self):
        rows = self._rows()
        self.assertEqual(
            {name: (row.stage, row.result or "") for name, row in rows.items()},
            {
                "new": ("0_prospect", ""),
                "refused": ("5_result", "lost"),
                "interested": ("1_interested", ""),
                "contact2": ("3_contact_2", ""),
                "perspective": ("5_result", "prospect"),
                "contract": ("5_result", "contract"),
                "purchase": ("5_result", "purchase"),
                "opportunity": ("1_interested", ""),
            },
        )
        self.assertEqual(rows["contact2"].contacts_since_interest, 2)
        self.assertEqual(rows["perspective"].contacts_since_interest, 4)
        self.assertEqual(rows["contact2"].days_quiet, 45)
        self.assertEqual(
            {name for name, row in rows.items() if row.is_quiet}, {"contact2", "perspective"}, "quiet for over 30 days"
        )

    def test_kanban_shows_six_columns(self):
        Report = self.env["event.lead.schiffman.report"].with_context(read_group_expand=True)
        groups = Report.formatted_read_group([("partner_id", "in", self._ids())], ["stage"], ["__count"])
        self.assertEqual(
            [(group["stage"], group["__count"]) for group in groups],
            [
                ("0_prospect", 1),
                ("1_interested", 2),
                ("2_contact_1", 0),
                ("3_contact_2", 1),
                ("4_contact_3", 0),
                ("5_result", 4),
            ],
        )

    def test_a_new_contact_moves_the_client(self):
        self._results(
            [
                (
                    fields.Date.to_string(self.today),
                    self.user_advisor,
                    self.clients["contact2"],
                    "other",
                    self.call,
                    False,
                    {},
                )
            ]
        )
        row = self._rows()["contact2"]
        self.assertEqual((row.stage, row.days_quiet, row.is_quiet), ("4_contact_3", 0, False))

    def test_contacts_since_an_opportunity_opened(self):
        """No positive result, an opportunity opened today: the interest is
        the opportunity, the contacts count from that day."""
        client = self.env["res.partner"].create(
            {"name": "Шифман since-deal", "is_company": True, "user_id": self.user_advisor.id}
        )
        today = fields.Date.to_string(self.today)
        earlier = fields.Date.to_string(self.today - datetime.timedelta(days=10))
        anna, call = self.user_advisor, self.call
        self._results([(earlier, anna, client, "other", call, False, {})])
        self._deal(client, anna, 10000)
        self._results([(today, anna, client, "other", call, False, {})])
        row = self.env["event.lead.schiffman.report"].search([("partner_id", "=", client.id)])
        self.assertEqual(
            (row.stage, row.contacts_since_interest, row.contact_count, row.interest_date),
            ("2_contact_1", 1, 2, self.today),
        )

    def test_each_deal_change_moves_the_client_at_once(self):
        """The board reads each client's deals as summed up on the client by
        the change of a deal itself: a deal opened, moved into or out of the
        contract status, a status that stops carrying the document package,
        a deal won or lost moves the client right away."""
        client = self.env["res.partner"].create(
            {"name": "Шифман moves", "is_company": True, "user_id": self.user_advisor.id}
        )
        Report = self.env["event.lead.schiffman.report"]

        def row():
            Report.invalidate_model()  # each opening of the board reads it again
            found = Report.search([("partner_id", "=", client.id)])
            return found.stage, found.result or "", found.open_deal_count, found.open_revenue, found.won_count

        self.assertEqual(row(), ("0_prospect", "", 0, 0, 0))
        deal = self._deal(client, self.user_advisor, 40000)
        self.assertEqual(row(), ("1_interested", "", 1, 40000, 0), "an opportunity is the interest")
        negotiation = self.env.ref("event_lead_followup.crm_stage_negotiation")
        contract = self.env.ref("event_lead_followup.crm_stage_contract")
        for stage in (negotiation, contract):
            deal.write({"stage_id": stage.id, **self._stage_facts(stage)})
        self.assertEqual(row(), ("5_result", "contract", 1, 40000, 0))
        contract.event_lead_document_package = False
        self.assertEqual(row(), ("1_interested", "", 1, 40000, 0), "no package at that status: no contract")
        contract.event_lead_document_package = True
        self.assertEqual(row()[:2], ("5_result", "contract"))
        deal.write({"stage_id": negotiation.id})
        self.assertEqual(row(), ("1_interested", "", 1, 40000, 0), "back in negotiation")
        second = self._deal(client, self.user_advisor, 5000)
        self.assertEqual(row(), ("1_interested", "", 2, 45000, 0))
        second.action_set_lost()
        self.assertEqual(row(), ("1_interested", "", 1, 40000, 0), "a lost deal with another one open")
        deal.action_set_lost()
        self.assertEqual(row(), ("5_result", "lost", 0, 0, 0))
        self._win(self._deal(client, self.user_advisor, 70000), fields.Datetime.now())
        self.assertEqual(row(), ("5_result", "purchase", 0, 0, 1))

    def test_merged_clients_keep_their_contacts(self):
        """Odoo's Merge Contacts moves the results onto the survivor: the
        board counts them there at once."""
        survivor, merged = self.clients["new"], self.clients["interested"]
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {"partner_ids": [(6, 0, (survivor | merged).ids)], "dst_partner_id": survivor.id}
        )
        wizard.action_merge()
        self.assertFalse(merged.exists())
        row = self.env["event.lead.schiffman.report"].search([("partner_id", "=", survivor.id)])
        self.assertEqual((row.stage, row.contact_count), ("1_interested", 1), "the manual sent to the merged client")

    def test_reminder_once_per_quiet_spell(self):
        Reminder = self.env["event.lead.schiffman.reminder"]
        quiet = [row for row in Reminder._quiet_prospects() if row[0] in self._ids()]
        self.assertEqual({row[0] for row in quiet}, {self.clients["contact2"].id, self.clients["perspective"].id})
        reminders = Reminder._remind(quiet)
        activities = reminders.activity_id
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.user_advisor)
        self.assertEqual(activities.activity_type_id, self.call)
        self.assertEqual(
            set(activities.mapped("res_id")), {self.clients["contact2"].id, self.clients["perspective"].id}
        )
        self.assertIn("45", activities.filtered(lambda a: a.res_id == self.clients["contact2"].id).note)
        # nothing twice: neither while the call is open, nor once it is gone
        self.assertFalse([row for row in Reminder._quiet_prospects() if row[0] in self._ids()])
        activities.unlink()
        self.assertFalse([row for row in Reminder._quiet_prospects() if row[0] in self._ids()])

    def test_reminders_in_the_owners_language(self):
        """The job runs in English; the Russian advisor reads a Russian
        reminder, the English administrator an English one."""
        admin = self._russian_reader(self.user_advisor, modules=("event_lead_reports",))
        self.clients["perspective"].user_id = admin
        Reminder = self.env["event.lead.schiffman.reminder"].with_context(lang="en_US")
        quiet = [row for row in Reminder._quiet_prospects() if row[0] in self._ids()]
        activities = Reminder._remind(quiet).activity_id
        russian = activities.filtered(lambda activity: activity.user_id == self.user_advisor)
        self.assertEqual(russian.summary, "Напомнить клиенту о нашем предложении")
        quiet_since = (self.today - datetime.timedelta(days=45)).strftime("%d.%m.%Y")
        self.assertIn(f"Клиент Шифман contact2 проявил интерес, но с {quiet_since}", str(russian.note))
        english = activities.filtered(lambda activity: activity.user_id == admin)
        self.assertEqual(english.summary, "Remind the client of our offer")
        self.assertIn("Шифман perspective showed interest", str(english.note))

    def test_no_reminder_when_a_contact_is_planned(self):
        self._activity(self.clients["contact2"], self.user_advisor, self.call, self.today)
        quiet = {row[0] for row in self.env["event.lead.schiffman.reminder"]._quiet_prospects()}
        self.assertNotIn(self.clients["contact2"].id, quiet)
        self.assertIn(self.clients["perspective"].id, quiet)

    def test_cron_reminds_in_batches(self):
        self.env["ir.config_parameter"].sudo().set_param("event_lead_followup.job_batch_size", 1)
        cron = self.env.ref("event_lead_reports.ir_cron_remind_quiet_prospects")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        reminded = self.env["event.lead.schiffman.reminder"].search([("partner_id", "in", self._ids())])
        self.assertEqual(len(reminded), 2)
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertEqual(self.env["event.lead.schiffman.reminder"].search_count([("partner_id", "in", self._ids())]), 2)
