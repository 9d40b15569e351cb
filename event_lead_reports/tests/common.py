import datetime

from odoo import Command, fields

from odoo.addons.event_lead_followup.tests.common import EventLeadCommon

MARCH = datetime.date(2025, 3, 1)
APRIL = datetime.date(2025, 4, 1)


class EventLeadReportsCommon(EventLeadCommon):
    """A known month of a sales department, for exact figures in every report.

    Two sales teams: *Events* (led by Maria Manager: Anna Advisor and Olga
    Operator) and *Key accounts* (Boris Advisor). One event, *СтройЭкспо*,
    organised by Maria. Clients: Альфа and Гамма owned by Anna, Бета owned by
    Boris, Дельта owned by nobody.

    Held contacts (contact results), March 2025:

    ===  =====  ======  =======  ==================  ============  =====
    no.  day    person  client   result              type          event
    ===  =====  ======  =======  ==================  ============  =====
    1    03-03  Anna    Альфа    invitation sent     call          yes
    2    03-05  Anna    Альфа    postponed +7 days   call
    3    03-12  Anna    Альфа    postponed +5 days   call
    4    03-14  Anna    Гамма    manual sent         meeting
    5    03-20  Anna    Гамма    refused (no budget) call          yes
    6    03-21  Anna    Гамма    other               call
    7    03-04  Boris   Бета     sale                call
    8    03-10  Boris   Бета     postponed +3 days   call          yes
    ===  =====  ======  =======  ==================  ============  =====

    April 2025, Olga takes three incoming calls: 04-02 from Дельта (heard of us
    in the exhibition catalogue, invitation sent, about the event), 04-02 and
    04-15 from Дельта again (heard of us on the website; other, manual sent).

    Deals: Бета's deal won by Boris (150,000, 2025-03-25); a deal with Альфа
    closed by Boris but credited to Anna, Альфа's owner (120,000, 2025-03-28);
    Гамма's deal won by Anna (60,000, 2025-04-10); a deal with Бета lost to a
    competitor (50,000). Plans: Anna 300,000 in March and 100,000 in April,
    Boris 200,000 in March.

    Open planned contacts today: Anna's call to Альфа 5 days overdue and her
    meeting with Гамма in 3 days; Boris's call on Бета's deal 2 days overdue.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        ref = cls.env.ref
        cls.call = ref("mail.mail_activity_data_call")
        cls.meeting = ref("mail.mail_activity_data_meeting")
        cls.reason_budget = ref("event_lead_followup.crm_lost_reason_no_budget")
        cls.reason_competitor = ref("event_lead_followup.crm_lost_reason_competitor")
        cls.postpone_reason = ref("event_lead_followup.postpone_reason_decision")
        Team = cls.env["crm.team"]
        cls.team_events = Team.create(
            {
                "name": "Events",
                "event_lead_follow_statuses": True,
                "user_id": cls.user_manager.id,
                "member_ids": [Command.set((cls.user_advisor | cls.user_operator).ids)],
            }
        )
        cls.team_key = Team.create(
            {
                "name": "Key accounts",
                "event_lead_follow_statuses": True,
                "member_ids": [Command.set(cls.user_advisor2.ids)],
            }
        )
        cls.event = cls.env["event.event"].create(
            {
                "name": "СтройЭкспо",
                "user_id": cls.user_manager.id,
                "date_begin": datetime.datetime(2025, 3, 18, 9, 0),
                "date_end": datetime.datetime(2025, 3, 20, 18, 0),
            }
        )
        Partner = cls.env["res.partner"]
        cls.source_catalogue = cls.env["utm.source"].create({"name": "Каталог выставки"})
        cls.source_web = cls.env["utm.source"].create({"name": "Сайт"})
        cls.alfa = Partner.create({"name": "ООО «Альфа»", "is_company": True, "user_id": cls.user_advisor.id})
        cls.beta = Partner.create({"name": "АО «Бета»", "is_company": True, "user_id": cls.user_advisor2.id})
        cls.gamma = Partner.create({"name": "ООО «Гамма»", "is_company": True, "user_id": cls.user_advisor.id})
        cls.delta = Partner.create(
            {"name": "ИП Дельта", "is_company": True, "event_lead_source_id": cls.source_catalogue.id}
        )
        cls.stage_need = ref("event_lead_followup.crm_stage_need")

        cls.lead_beta = cls._deal(cls.beta, cls.user_advisor2, 150000)
        cls.lead_alfa = cls._deal(cls.alfa, cls.user_advisor2, 120000)
        cls.lead_gamma = cls._deal(cls.gamma, cls.user_advisor, 60000)
        cls.lead_lost = cls._deal(cls.beta, cls.user_advisor2, 50000)

        cls.results = cls._results(
            [
                ("2025-03-03", cls.user_advisor, cls.alfa, "invitation_sent", cls.call, True, {}),
                ("2025-03-05", cls.user_advisor, cls.alfa, "postponed", cls.call, False, {"postponed_days": 7}),
                ("2025-03-12", cls.user_advisor, cls.alfa, "postponed", cls.call, False, {"postponed_days": 5}),
                ("2025-03-14", cls.user_advisor, cls.gamma, "manual_sent", cls.meeting, False, {}),
                ("2025-03-20", cls.user_advisor, cls.gamma, "refused_participation", cls.call, True, {}),
                ("2025-03-21", cls.user_advisor, cls.gamma, "other", cls.call, False, {}),
                ("2025-03-04", cls.user_advisor2, cls.beta, "sale", cls.call, False, {"lead_id": cls.lead_beta.id}),
                ("2025-03-10", cls.user_advisor2, cls.beta, "postponed", cls.call, True, {"postponed_days": 3}),
                (
                    "2025-04-02",
                    cls.user_operator,
                    cls.delta,
                    "invitation_sent",
                    cls.call,
                    True,
                    {"direction": "incoming"},
                ),
                (
                    "2025-04-02",
                    cls.user_operator,
                    cls.delta,
                    "other",
                    cls.call,
                    False,
                    {"direction": "incoming", "source_id": cls.source_web.id},
                ),
                (
                    "2025-04-15",
                    cls.user_operator,
                    cls.delta,
                    "manual_sent",
                    cls.call,
                    False,
                    {"direction": "incoming", "source_id": cls.source_web.id},
                ),
            ]
        )

        cls._win(cls.lead_beta, "2025-03-25 10:00:00")
        cls._win(cls.lead_alfa, "2025-03-28 10:00:00")
        cls._win(cls.lead_gamma, "2025-04-10 10:00:00")
        cls.lead_lost.write({"lost_reason_id": cls.reason_competitor.id})
        cls.lead_lost.action_set_lost()

        Plan = cls.env["event.lead.sales.plan"].with_user(cls.user_manager)
        Plan.create(
            [
                {"user_id": cls.user_advisor.id, "year": 2025, "month": "3", "amount": 300000},
                {"user_id": cls.user_advisor.id, "year": 2025, "month": "4", "amount": 100000},
                {"user_id": cls.user_advisor2.id, "year": 2025, "month": "3", "amount": 200000},
            ]
        )

        day = datetime.timedelta(days=1)
        cls.activity_overdue_anna = cls._activity(cls.alfa, cls.user_advisor, cls.call, cls.today - 5 * day)
        cls.activity_planned_anna = cls._activity(cls.gamma, cls.user_advisor, cls.meeting, cls.today + 3 * day)
        cls.activity_overdue_boris = cls._activity(cls.lead_beta, cls.user_advisor2, cls.call, cls.today - 2 * day)

    @classmethod
    def _deal(cls, client, user, revenue):
        return (
            cls.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": f"{client.name}: стенд",
                    "type": "opportunity",
                    "partner_id": client.id,
                    "user_id": user.id,
                    "expected_revenue": revenue,
                    "stage_id": cls.stage_need.id,
                }
            )
        )

    @classmethod
    def _win(cls, lead, date_closed):
        cls._win_deal(lead)
        lead.write({"date_closed": date_closed})

    @classmethod
    def _results(cls, rows):
        vals_list = []
        for day, user, client, result_type, activity_type, about_event, extra in rows:
            vals = {
                "date": day,
                "user_id": user.id,
                "commercial_partner_id": client.id,
                "result_type": result_type,
                "activity_type_id": activity_type.id,
                "event_id": cls.event.id if about_event else False,
                **extra,
            }
            if result_type == "postponed":
                vals.update(
                    postpone_reason_id=cls.postpone_reason.id,
                    postponed_to=fields.Date.to_date(day) + datetime.timedelta(days=vals["postponed_days"]),
                    postponement_count=1,
                )
            elif result_type == "refused_participation":
                vals["lost_reason_id"] = cls.reason_budget.id
            elif result_type == "invitation_sent":
                vals["visitor_ids"] = [Command.set(client.ids)]
            elif result_type == "manual_sent":
                vals["manual_kind"] = "technical"
            elif result_type == "other":
                vals["note"] = "Перезвонить после выставки"
            vals_list.append(vals)
        return cls.env["event.lead.contact.result"].create(vals_list)

    @classmethod
    def _activity(cls, record, user, activity_type, deadline):
        return cls.env["mail.activity"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "date_deadline": deadline,
            }
        )

    @classmethod
    def _month(cls, start):
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return [("date", ">=", start), ("date", "<=", end)]

    def _groups(self, model, domain, groupby, aggregates, user=None):
        """``formatted_read_group`` as the web client calls it, keyed by the
        group values (display names of relations), values by aggregate."""
        Model = self.env[model].with_user(user) if user else self.env[model]
        result = {}
        for group in Model.formatted_read_group(domain, groupby, aggregates):
            key = tuple((group[name][1] if isinstance(group[name], tuple) else group[name]) for name in groupby)
            result[key[0] if len(key) == 1 else key] = {spec: group[spec] for spec in aggregates}
        return result
