"""The rules hold on every path: each attempt below is what an advisor or an
operator can send to the JSON-RPC endpoint the web client uses
(``/web/dataset/call_kw``), with values and a context of their own. Each is
refused and leaves the database as it was."""

import base64
from datetime import datetime, time, timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestApiAbuse(EventLeadDealCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_advisor3 = new_test_user(
            cls.env,
            "el_advisor3",
            "event_lead_followup.group_event_lead_advisor",
            name="Vera Advisor",
            email="vera.advisor@example.com",
        )
        cls.sales_team.member_ids |= cls.user_advisor3
        # Boris's client, its contact, a special date; Vera's client and deal
        cls.boris_contact = cls.env["res.partner"].create(
            {
                "firstname": "Иван",
                "lastname": "Орлов",
                "parent_id": cls.other_client.id,
                "email": "ivan@vasilek.example",
            }
        )
        cls.boris_date = cls.env["event.lead.special.date"].create(
            {"partner_id": cls.other_client.id, "kind": "founding", "date": "2001-05-17"}
        )
        cls.vera_client = cls.env["res.partner"].create(
            {
                "name": "ЗАО «Ландыш»",
                "is_company": True,
                "user_id": cls.user_advisor3.id,
                "email": "info@landysh.example",
            }
        )
        cls.vera_deal = cls._lead(user=cls.user_advisor3, partner=cls.vera_client, name="Стенд Ландыша")

    def _call(self, user, model, method, *args, context=None, **kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": dict(kwargs, context=dict(context or {}, lang="en_US")),
            },
        )

    def assertRefused(self, error, user, model, method, *args, **kwargs):
        """The call is answered with ``error`` (the exception's class name)."""
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call(user, model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), f"odoo.exceptions.{error}")
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # a contact under someone else's client
    # ------------------------------------------------------------------

    def test_contact_under_foreign_client_cannot_carry_commands(self):
        """Anna adds a contact under Boris's client: relational commands in it
        (taking Vera's deal, changing Boris's special date) are refused."""
        for vals in (
            {
                "opportunity_ids": [
                    [
                        1,
                        self.vera_deal.id,
                        {
                            "name": "Mine now",
                            "user_id": self.user_advisor.id,
                            "expected_revenue": 1,
                        },
                    ]
                ]
            },
            {"event_lead_special_date_ids": [[1, self.boris_date.id, {"date": "2020-01-01"}]]},
            {"user_id": self.user_advisor.id},
            {"vat": "7707083893"},
        ):
            with self.subTest(fields=list(vals)):
                self.assertRefused(
                    "UserError",
                    self.user_advisor,
                    "res.partner",
                    "create",
                    [{"name": "Пётр Новиков", "parent_id": self.other_client.id, **vals}],
                )
        self.assertRecordValues(self.vera_deal, [{"name": "Стенд Ландыша", "user_id": self.user_advisor3.id}])
        self.assertEqual(str(self.boris_date.date), "2001-05-17")
        self.assertFalse(self.other_client.vat)
        self.assertEqual(self.other_client.child_ids, self.boris_contact)

    def test_contact_under_foreign_client_with_own_fields(self):
        """Its own plain fields are fine: the contact is created as Anna, and
        belongs to Boris's client and owner."""
        [contact_id] = self._call(
            self.user_advisor,
            "res.partner",
            "create",
            [
                {
                    "firstname": "Пётр",
                    "lastname": "Новиков",
                    "parent_id": self.other_client.id,
                    "email": "petr@vasilek.example",
                    "function": "Закупки",
                }
            ],
        )
        contact = self.env["res.partner"].browse(contact_id)
        self.assertRecordValues(
            contact,
            [
                {
                    "parent_id": self.other_client.id,
                    "user_id": self.user_advisor2.id,
                    "create_uid": self.user_advisor.id,
                    "function": "Закупки",
                }
            ],
        )

    # ------------------------------------------------------------------
    # context keys that used to switch rules off
    # ------------------------------------------------------------------

    def test_skip_guard_key_is_ignored(self):
        for key in ("event_lead_skip_guard", "event_lead_guard_override"):
            with self.subTest(key=key):
                self.assertRefused(
                    "UserError",
                    self.user_advisor,
                    "res.partner",
                    "create",
                    [{"name": "ЗАО Ландыш", "is_company": True, "email": "sales@landysh.example"}],
                    context={key: True},
                )
                # an import answers with the rejected rows
                result = self._call(
                    self.user_advisor,
                    "res.partner",
                    "load",
                    ["name", "is_company"],
                    [["Ландыш", "1"]],
                    context={key: True},
                )
                self.assertFalse(result["ids"])
                self.assertIn("owned by Vera Advisor", result["messages"][0]["message"])
        self.assertEqual(self.env["res.partner"].search_count([("name", "ilike", "Ландыш")]), 1)

    def test_bonus_owner_key_is_ignored(self):
        lead = self._win_deal(self._lead(), self.user_advisor)
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor)
        self.assertRefused(
            "UserError",
            self.user_advisor,
            "crm.lead",
            "write",
            [lead.id],
            {"event_lead_bonus_user_id": self.user_advisor2.id},
            context={"event_lead_bonus_correction": True},
        )
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor)

    def test_stage_mapping_key_is_ignored(self):
        lead = self._lead()
        self.assertRefused(
            "UserError",
            self.user_advisor,
            "crm.lead",
            "write",
            [lead.id],
            {"stage_id": self.stage_won.id},
            context={"event_lead_stage_mapping": True},
        )
        self.assertRefused(
            "UserError",
            self.user_advisor,
            "crm.lead",
            "create",
            [{"name": "Сразу выиграна", "partner_id": self.contact.id, "stage_id": self.stage_won.id}],
            context={"event_lead_stage_mapping": True},
        )
        self.assertEqual(lead.stage_id, self.stage_need)
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "Сразу выиграна")]))

    def test_status_history_is_not_writable(self):
        lead = self._lead()
        self.assertRefused(
            "UserError",
            self.user_advisor,
            "crm.lead",
            "write",
            [lead.id],
            {"event_lead_passed_stage_ids": [[4, self.stage_negotiation.id], [4, self.stage_contract.id]]},
        )
        self.assertEqual(lead.event_lead_passed_stage_ids, self.stage_need)

    def test_deal_created_won_meets_the_won_checks(self):
        """A deal created straight in Won (import, API) meets the same checks
        as one moved there: no bonus is credited."""
        self.assertRefused(
            "UserError",
            self.user_advisor,
            "crm.lead",
            "create",
            [
                {
                    "name": "Бонус без сделки",
                    "partner_id": self.contact.id,
                    "stage_id": self.stage_won.id,
                    "event_lead_offer_state": "chosen",
                    "event_lead_budget_state": "invoiced",
                }
            ],
        )
        self.assertFalse(
            self.env["crm.lead"].with_context(active_test=False).search([("name", "=", "Бонус без сделки")])
        )

    def test_result_recorded_key_is_ignored(self):
        call = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.client.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "user_id": self.user_advisor.id,
            }
        )
        self.assertRefused(
            "UserError",
            self.user_advisor,
            "mail.activity",
            "action_feedback",
            [call.id],
            feedback="done",
            context={"event_lead_result_recorded": True},
        )
        self.assertTrue(call.exists())
        self.assertTrue(call.active)

    def test_coordination_key_is_ignored(self):
        """An operator cannot plan an event call on a client Boris works with
        (an open deal of his), whatever the context says."""
        unowned = self.env["res.partner"].create({"name": "ООО «Пион»", "is_company": True})
        self._lead(user=self.user_advisor2, partner=unowned, name="Сделка Бориса")
        event = self.env["event.event"].create(
            {
                "name": "Связь-Экспо",
                "date_begin": datetime.combine(self.today - timedelta(days=3), time(9)),
                "date_end": datetime.combine(self.today - timedelta(days=2), time(18)),
            }
        )
        vals = {
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": unowned.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            "user_id": self.user_operator.id,
            "event_lead_event_id": event.id,
        }
        self.assertRefused(
            "UserError",
            self.user_operator,
            "mail.activity",
            "create",
            [vals],
            context={"event_lead_coordination_checked": True},
        )
        self.assertFalse(
            self.env["mail.activity"].search([("res_id", "=", unowned.id), ("res_model", "=", "res.partner")])
        )

    # ------------------------------------------------------------------
    # privileged operations checked in Python
    # ------------------------------------------------------------------

    def test_competitor_flag_is_not_an_advisors(self):
        rival = self.env["res.partner"].create({"name": "Конкурент", "is_company": True, "is_competitor": True})
        for user in (self.user_advisor, self.user_operator):
            with self.subTest(user=user.name):
                self.assertRefused("AccessError", user, "res.partner", "write", [rival.id], {"is_competitor": False})
        self.assertTrue(rival.is_competitor)

    def test_followup_kinds_are_a_managers(self):
        """What the operators' calls after an event say is a manager's setting:
        an advisor or an operator cannot rewrite it, nor delete a kind, nor add
        one; a manager changes the texts but adds or deletes none."""
        kind = self.env.ref("event_lead_followup.followup_kind_no_show")
        for user in (self.user_advisor, self.user_operator):
            with self.subTest(user=user.name):
                self.assertRefused(
                    "AccessError", user, "event.lead.followup.kind", "write", [kind.id], {"summary": "Не звонить"}
                )
                self.assertRefused("AccessError", user, "event.lead.followup.kind", "unlink", [kind.id])
        self.assertRefused("AccessError", self.user_manager, "event.lead.followup.kind", "unlink", [kind.id])
        self.assertRefused(
            "AccessError",
            self.user_manager,
            "event.lead.followup.kind",
            "create",
            {"code": "no_show", "summary": "x", "instructions": "x", "activity_type_id": kind.activity_type_id.id},
        )
        self.assertEqual(kind.summary, "Did not come to the event: call")
        self._call(self.user_manager, "event.lead.followup.kind", "write", [kind.id], {"deadline_days": 1})
        self.env.invalidate_all()
        self.assertEqual(kind.deadline_days, 1)

    def test_operator_takes_no_client(self):
        unowned = self.env["res.partner"].create({"name": "Ничья компания", "is_company": True})
        self.assertRefused("AccessError", self.user_operator, "res.partner", "action_event_lead_take", [unowned.id])
        self.assertFalse(unowned.user_id)
        self._call(self.user_advisor, "res.partner", "action_event_lead_take", [unowned.id])
        self.env.invalidate_all()
        self.assertEqual(unowned.user_id, self.user_advisor)

    def test_operator_imports_and_invites_only_for_own_events(self):
        event = self.env["event.event"].create(
            {
                "name": "Чужая выставка",
                "date_begin": datetime.combine(self.today + timedelta(days=3), time(9)),
                "date_end": datetime.combine(self.today + timedelta(days=4), time(18)),
                "event_lead_operator_ids": [(6, 0, self.user_advisor2.ids)],
            }
        )
        guest = self.env["res.partner"].create({"name": "Гость", "email": "guest@example.org"})
        [invite_id] = self._call(
            self.user_operator,
            "event.lead.invitation.wizard",
            "create",
            [{"event_id": event.id, "partner_ids": [(6, 0, guest.ids)]}],
        )
        self.assertRefused(
            "AccessError", self.user_operator, "event.lead.invitation.wizard", "action_invite", [invite_id]
        )
        csv = base64.b64encode("Name,Email\nГость,guest2@example.org\n".encode()).decode()
        [import_id] = self._call(
            self.user_operator,
            "event.lead.registration.import",
            "create",
            [{"event_id": event.id, "file": csv, "file_name": "guests.csv"}],
        )
        self.assertRefused(
            "AccessError", self.user_operator, "event.lead.registration.import", "action_import", [import_id]
        )
        self.assertFalse(self.env["event.lead.invitation"].search([("event_id", "=", event.id)]))
        self.assertFalse(self.env["event.registration"].search([("event_id", "=", event.id)]))

    def test_bonus_correction_is_a_managers_with_a_reason(self):
        lead = self._win_deal(self._lead(), self.user_advisor)
        self.assertRefused(
            "AccessError",
            self.user_advisor,
            "crm.lead",
            "_event_lead_correct_bonus_user",
            [lead.id],
            self.user_advisor2.id,
            "because",
        )
        [wizard_id] = self._call(
            self.user_manager,
            "event.lead.bonus.owner.wizard",
            "create",
            [{"lead_ids": [(6, 0, lead.ids)], "user_id": self.user_advisor2.id, "reason": " "}],
        )
        self.assertRefused("UserError", self.user_manager, "event.lead.bonus.owner.wizard", "action_apply", [wizard_id])
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor)

    # ------------------------------------------------------------------
    # transfers
    # ------------------------------------------------------------------

    def test_transfer_request_is_immutable_once_sent(self):
        [request_id] = self._call(
            self.user_advisor,
            "event.lead.transfer.request",
            "create",
            [{"partner_id": self.other_client.id, "reason": "Работаю с ними по выставке"}],
        )
        for vals in ({"partner_id": self.vera_client.id}, {"requester_id": self.user_advisor3.id}):
            with self.subTest(vals=vals):
                self.assertRefused(
                    "UserError", self.user_advisor, "event.lead.transfer.request", "write", [request_id], vals
                )
                self.assertRefused(
                    "UserError", self.user_manager, "event.lead.transfer.request", "write", [request_id], vals
                )
        self.assertRefused(
            "AccessError",
            self.user_advisor,
            "event.lead.transfer.request",
            "write",
            [request_id],
            {"state": "accepted"},
        )
        request = self.env["event.lead.transfer.request"].browse(request_id)
        self.assertRecordValues(request, [{"partner_id": self.other_client.id, "state": "requested"}])
        # answered once; a second answer is refused
        self._call(self.user_advisor2, "event.lead.transfer.request", "action_accept", [request_id])
        self.assertRefused("UserError", self.user_manager, "event.lead.transfer.request", "action_refuse", [request_id])
        self.env.invalidate_all()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(self.other_client.user_id, self.user_advisor)
        self.assertEqual(self.vera_client.user_id, self.user_advisor3)

    def test_request_in_someone_elses_name(self):
        self.assertRefused(
            "AccessError",
            self.user_advisor,
            "event.lead.transfer.request",
            "create",
            [{"partner_id": self.other_client.id, "reason": "для Веры", "requester_id": self.user_advisor3.id}],
        )

    # ------------------------------------------------------------------
    # writing to and following someone else's client
    # ------------------------------------------------------------------

    def test_colleagues_client_gets_notes_not_messages(self):
        self._call(
            self.user_advisor,
            "res.partner",
            "message_post",
            [self.other_client.id],
            body="Видел их на выставке",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertRefused(
            "AccessError",
            self.user_advisor,
            "res.partner",
            "message_post",
            [self.other_client.id],
            body="Дорогой клиент, купите у меня",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.other_client.ids,
        )
        self.assertRefused(
            "AccessError",
            self.user_advisor,
            "res.partner",
            "message_subscribe",
            [self.other_client.id],
            partner_ids=self.user_advisor.partner_id.ids,
        )
        bodies = self.other_client.message_ids.mapped("body")
        self.assertTrue(any("Видел их на выставке" in body for body in bodies))
        self.assertFalse(any("купите у меня" in body for body in bodies))
        self.assertNotIn(self.user_advisor.partner_id, self.other_client.message_partner_ids)

    # ------------------------------------------------------------------
    # hand-overs name an advisor, whatever id is sent
    # ------------------------------------------------------------------

    def test_clients_go_to_advisors_only(self):
        [wizard_id] = self._call(
            self.user_advisor,
            "event.lead.reassign.wizard",
            "create",
            [
                {
                    "partner_ids": [(6, 0, self.client.ids)],
                    "mode": "user",
                    "user_id": self.user_operator.id,
                    "reason": "для оператора",
                }
            ],
        )
        self.assertRefused("UserError", self.user_advisor, "event.lead.reassign.wizard", "action_apply", [wizard_id])
        self.assertEqual(self.client.user_id, self.user_advisor)

    def test_result_on_a_deal_one_cannot_read(self):
        """A result is told on its deal: a deal the user cannot read is refused."""
        self.assertRefused(
            "AccessError",
            self.user_operator,
            "event.lead.contact.result",
            "create",
            [
                {
                    "result_type": "other",
                    "partner_id": self.vera_client.id,
                    "lead_id": self.vera_deal.id,
                    "note": "подброшенная заметка",
                }
            ],
        )
        self.assertFalse(any("подброшенная" in body for body in self.vera_deal.message_ids.mapped("body")))
