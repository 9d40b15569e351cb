from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from ..tools import waivers

# Deterministic material of the demo story (names can be Russian in both languages).
NAME_HEADS = [
    "Альт", "Бел", "Вел", "Гран", "Дом", "Евро", "Зен", "Инт", "Кам", "Лен",
    "Мега", "Нов", "Орион", "Пром", "Рус", "Сиб", "Тех", "Урал", "Фарм", "Юг",
]  # fmt: skip
NAME_TAILS = ["строй", "логистик", "софт", "торг", "пласт", "снаб", "энерго", "маш", "мед", "агро", "тел", "хим"]
LEGAL_FORMS = ["ООО", "АО", "ООО", "ПАО", "ООО", "ГК"]
CITIES = ["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Самара", "Тюмень", "Краснодар"]
MEN = [
    ("Алексей", "Смирнов"), ("Дмитрий", "Кузнецов"), ("Сергей", "Попов"), ("Андрей", "Васильев"),
    ("Максим", "Новиков"), ("Павел", "Фёдоров"), ("Николай", "Морозов"), ("Владимир", "Волков"),
    ("Евгений", "Алексеев"), ("Олег", "Лебедев"), ("Артём", "Егоров"), ("Роман", "Козлов"),
]  # fmt: skip
WOMEN = [
    ("Елена", "Соколова"), ("Ольга", "Михайлова"), ("Наталья", "Павлова"), ("Татьяна", "Семёнова"),
    ("Ирина", "Голубева"), ("Светлана", "Виноградова"), ("Юлия", "Богданова"), ("Марина", "Воробьёва"),
]  # fmt: skip
FUNCTIONS = [
    "Генеральный директор", "Коммерческий директор", "Директор по маркетингу", "ИТ-директор",
    "Руководитель отдела закупок", "Менеджер по выставкам", "Главный инженер",
]  # fmt: skip
DEALS = [
    ("Стенд %s м² на «ПромЭкспо»", "deal_type_exhibitor"),
    ("Застройка стенда %s м²", "deal_type_services"),
    ("Спонсорский пакет, %s участников", "deal_type_services"),
    ("Поставка оборудования, %s ед.", "deal_type_goods"),
]
CLIENT_COUNT = 110  # companies; with their 1-3 contact persons, about 330 clients
EVENT_DAYS_AGO = 40  # the second past event
UPCOMING_IN_DAYS = 25
# what the story creates, in the order its external ids are given: an
# uninstall deletes module data from the last external id back, so the
# records that point to others (results, activities...) go first
STORY_MODELS = [
    "utm.source",
    "res.partner",
    "event.event",
    "event.registration",
    "event.lead.invitation",
    "crm.lead",
    "event.lead.document",
    "event.lead.special.date",
    "mail.activity",
    "event.lead.contact.result",
]


class EventLeadDemo(models.AbstractModel):
    """Generator of the demo story: the clients of a sales department, its
    events, contact results, deals and documents, made through the real
    business methods (duplicate guard, follow-up planning, result dialog,
    deal statuses with their facts, document package). Deterministic and
    batched; run once from the demo data (an upgrade finds it done)."""

    _name = "event.lead.demo"
    _description = "Event Leads demo data"

    @api.model
    def _event_lead_demo_lang(self):
        """The language of the texts users read: the administrator's when it is Russian."""
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        return "ru_RU" if admin and (admin.lang or "").startswith("ru") else "en_US"

    @api.model
    def _event_lead_demo_ref(self, xmlid):
        return self.env.ref(f"event_lead_followup.{xmlid}")

    @api.model
    def _event_lead_demo_clients(self):
        """The generated companies (their reference starts with ELD-)."""
        return self.env["res.partner"].search([("ref", "=like", "ELD-%"), ("is_company", "=", True)], order="ref")

    @api.model
    def _event_lead_demo_generate(self):
        if self._event_lead_demo_clients():
            return  # already told (an upgrade reloads the demo files)
        before = self._event_lead_demo_last_ids(STORY_MODELS)
        lang = self._event_lead_demo_lang()
        # sudo: the demo generator
        demo = self.sudo().with_context(lang=lang, tracking_disable=True, mail_notrack=True, mail_create_nolog=True)
        today = fields.Date.context_today(demo)
        ref = demo._event_lead_demo_ref
        team = ref("crm_team_event_sales_demo")
        advisors = ref("res_users_advisor1_demo") | ref("res_users_advisor2_demo") | ref("res_users_advisor3_demo")
        staff = advisors | ref("res_users_manager_demo") | ref("res_users_operator_demo")
        staff |= ref("res_users_accountant_demo") | ref("res_users_marketing_demo") | ref("res_users_pool_demo")
        staff.write({"lang": lang})
        (advisors | ref("res_users_manager_demo")).write({"sale_team_id": team.id})
        companies = demo._event_lead_demo_make_clients(today, advisors)
        contacts = companies.child_ids
        past, upcoming = demo._event_lead_demo_make_events(today, contacts)
        leads = demo._event_lead_demo_make_deals(
            today,
            companies.filtered("user_id") - companies.filtered(lambda c: c.user_id == ref("res_users_pool_demo")),
        )
        demo._event_lead_demo_make_results(today, companies, leads, past | upcoming)
        demo._event_lead_demo_record_followups(today, past)
        demo._event_lead_demo_register("event_lead_followup", before)

    @api.model
    def _event_lead_demo_last_ids(self, model_names):
        """{model: its highest id now}, to find what the story creates next."""
        return {
            # sudo: the demo generator
            name: self.env[name].sudo().with_context(active_test=False).search([], order="id desc", limit=1).id
            for name in model_names
        }

    @api.model
    def _event_lead_demo_register(self, module, before):
        """Give the records created since ``before`` external ids of ``module``
        (one batch), as if they were loaded from its demo files: uninstalling
        the addon then deletes them before the data they point to."""
        vals_list = []
        for name, last_id in before.items():
            # sudo: the demo generator
            records = self.env[name].sudo().with_context(active_test=False).search([("id", ">", last_id)], order="id")
            prefix = f"event_lead_story_{name.replace('.', '_')}"
            vals_list += [
                {
                    "module": module,
                    "name": f"{prefix}_{record_id}_demo",
                    "model": name,
                    "res_id": record_id,
                    "noupdate": True,
                }
                for record_id in records.ids
            ]
        # sudo: the demo generator
        self.env["ir.model.data"].sudo().create(vals_list)

    # ------------------------------------------------------------ clients

    @api.model
    def _event_lead_demo_make_clients(self, today, advisors):
        """About 110 companies with their contact persons, owned by the
        advisors, the manager, the pool or nobody; checked by the duplicate guard."""
        ref = self._event_lead_demo_ref
        Partner = self.env["res.partner"]
        Source = self.env["utm.source"]
        sources = Source.search([("name", "in", ["Выставка", "Сайт", "Рекомендация", "Холодный звонок"])])
        missing = [
            n for n in ("Выставка", "Сайт", "Рекомендация", "Холодный звонок") if n not in sources.mapped("name")
        ]
        sources |= Source.create([{"name": name} for name in missing])
        search_engine = self.env.ref("utm.utm_source_search_engine", raise_if_not_found=False)
        sources |= search_engine or Source
        owners = (
            [advisors[0]] * 30
            + [advisors[1]] * 26
            + [advisors[2]] * 22
            + [ref("res_users_manager_demo")] * 8
            + [ref("res_users_pool_demo")] * 12
            + [self.env["res.users"]] * 12
        )
        russia = self.env.ref("base.ru")
        vals_list = []
        for index in range(CLIENT_COUNT):
            head, tail = NAME_HEADS[index % len(NAME_HEADS)], NAME_TAILS[(index * 7) % len(NAME_TAILS)]
            slug = f"client{index:03d}"
            owner = owners[index % len(owners)]
            vals_list.append(
                {
                    "name": f"{LEGAL_FORMS[index % len(LEGAL_FORMS)]} «{head}{tail}»",
                    "is_company": True,
                    "ref": f"ELD-{index:03d}",
                    "city": CITIES[index % len(CITIES)],
                    "country_id": russia.id,
                    "email": f"info@{slug}.demo-leads.example",
                    "website": f"https://{slug}.demo-leads.example",
                    "phone": f"+7 9{index:02d} 555-{index:02d}-{(index * 3) % 100:02d}",
                    "user_id": owner.id,
                    "event_lead_source_id": sources[index % len(sources)].id,
                    "event_lead_readiness": str(1 + index % 5),
                    "event_lead_company_size": ("micro", "small", "medium", "large")[index % 4],
                    "event_lead_first_contact_place": ("stand", "event", "web_form", "call_in")[index % 4],
                    "event_lead_preferred_channel": ("phone", "email", "meeting")[index % 3],
                }
            )
        # the duplicate guard, as on a form or an import: already known clients are not created twice
        matches = Partner._event_lead_find_duplicates(vals_list)
        vals_list = [vals for vals, found in zip(vals_list, matches, strict=True) if not found]
        companies = Partner.create(vals_list)
        contact_vals = []
        for index, company in enumerate(companies):
            for rank in range(1 + index % 3):
                first, last = (MEN if (index + rank) % 3 else WOMEN)[
                    (index * 5 + rank) % (8 if (index + rank) % 3 == 0 else 12)
                ]
                contact_vals.append(
                    {
                        "firstname": first,
                        "lastname": last,
                        "parent_id": company.id,
                        "function": FUNCTIONS[(index + rank) % len(FUNCTIONS)],
                        "email": f"p{rank}@{company.website.split('//')[1]}",
                        "phone": f"+7 9{index % 100:02d} 444-{rank}{index % 10}-{(index * 7) % 100:02d}",
                    }
                )
        with waivers.waive(waivers.GUARD):
            contacts = Partner.create(contact_vals)
        # special dates: birthdays of contact persons, anniversaries of companies
        Date = self.env["event.lead.special.date"]
        date_vals = [
            {
                "partner_id": contact.id,
                "kind": "birthday",
                "date": today + timedelta(days=(index * 11) % 90 - 20) - timedelta(days=365 * (30 + index % 25)),
            }
            for index, contact in enumerate(contacts[::4])
        ]
        date_vals += [
            {
                "partner_id": company.id,
                "kind": "founding",
                "date": today + timedelta(days=(index * 13) % 120) - timedelta(days=365 * (5 + index % 20)),
                "name": self.env._("Company anniversary"),
            }
            for index, company in enumerate(companies[::6])
        ]
        Date.create(date_vals)
        return companies

    # ------------------------------------------------------------- events

    @api.model
    def _event_lead_demo_make_events(self, today, contacts):
        """A second past event (its follow-ups planned by the real method)
        and an upcoming one, both with invitations of the operator."""
        ref = self._event_lead_demo_ref
        operator, manager = ref("res_users_operator_demo"), ref("res_users_manager_demo")
        Event = self.env["event.event"]

        def moment(day, hour):
            return datetime.combine(day, time(hour))

        past_day = today - timedelta(days=EVENT_DAYS_AGO)
        next_day = today + timedelta(days=UPCOMING_IN_DAYS)
        past, upcoming = Event.create(
            [
                {
                    "name": "Форум «Цифровая логистика»",
                    "date_begin": moment(past_day, 6),
                    "date_end": moment(past_day, 15),
                    "date_tz": "Europe/Moscow",
                    "user_id": manager.id,
                    "event_lead_operator_ids": [Command.set(operator.ids)],
                },
                {
                    "name": "Выставка «ПромЭкспо»",
                    "date_begin": moment(next_day, 6),
                    "date_end": moment(next_day + timedelta(days=2), 15),
                    "date_tz": "Europe/Moscow",
                    "user_id": manager.id,
                    "event_lead_operator_ids": [Command.set(operator.ids)],
                },
            ]
        )
        Invitation = self.env["event.lead.invitation"]
        invitation_vals = []
        for event, invited, day in ((past, contacts[:60], past_day), (upcoming, contacts[60:110], today)):
            for index, contact in enumerate(invited):
                invitation_vals.append(
                    {
                        "event_id": event.id,
                        "partner_id": contact.id,
                        "user_id": operator.id,
                        "date": day - timedelta(days=20 - index % 15),
                        "channel": ("call", "email", "call", "mailing")[index % 4],
                        "result": ("no_answer", "declined", "no_interest", "no_answer", "wrong_contact")[index % 5],
                    }
                )
        Invitation.create(invitation_vals)
        # registrations: 36 for the past event (22 came), 20 so far for the upcoming one
        Registration = self.env["event.registration"]
        Registration.create(
            [
                {"event_id": past.id, "partner_id": contact.id, "state": "done" if index % 5 < 3 else "open"}
                for index, contact in enumerate(contacts[:60:5] + contacts[1:60:3] + contacts[120:132])
            ]
            + [
                {"event_id": upcoming.id, "partner_id": contact.id}
                for contact in contacts[60:110:3] + contacts[140:143]
            ]
        )
        past.action_event_lead_plan_followups()
        return past, upcoming

    # -------------------------------------------------------------- deals

    @api.model
    def _event_lead_demo_make_deals(self, today, owned):
        """Deals in every status, moved through the statuses with their facts
        like a salesperson does: Need, Negotiation, Contract approval, Won
        (over the last six months), Lost (with reasons)."""
        ref = self._event_lead_demo_ref
        Lead = self.env["crm.lead"]
        need, negotiation = ref("crm_stage_need"), ref("crm_stage_negotiation")
        contract = ref("crm_stage_contract")
        manager = ref("res_users_manager_demo")
        clients = owned.sorted("ref")[:64]
        vals_list = []
        for index, client in enumerate(clients):
            title, deal_type = DEALS[index % len(DEALS)]
            contact = client.child_ids[:1] or client
            # a few deals of advisors' clients are closed by the manager: the bonus still goes to the owner
            user = manager if index % 9 == 4 else client.user_id
            vals_list.append(
                {
                    "name": title % (12 + (index * 6) % 48),
                    "type": "opportunity",
                    "partner_id": contact.id,
                    "user_id": user.id,
                    "team_id": ref("crm_team_event_sales_demo").id,
                    "expected_revenue": 150000 + (index * 73000) % 2400000,
                    "event_lead_deal_type_id": ref(deal_type).id,
                    "stage_id": need.id,
                    "date_deadline": today + timedelta(days=10 + index % 50),
                }
            )
        leads = Lead.create(vals_list)
        # 12 stay in Need; the others go on
        moving = leads[12:]
        moving.write({"stage_id": negotiation.id, "event_lead_offer_state": "made", "event_lead_budget_state": "known"})
        lost, moving = moving[:10], moving[10:]
        to_contract = moving[10:]  # 10 stay in Negotiation
        to_contract.write(
            {"stage_id": contract.id, "event_lead_offer_state": "chosen", "event_lead_budget_state": "invoiced"}
        )
        won = to_contract[8:]  # 8 stay in Contract approval, the rest are won
        Document = self.env["event.lead.document"]
        package = Document.search([("lead_id", "in", to_contract.ids)])
        key_docs = package.filtered(lambda doc: doc.document_type_id.won_min_state)
        start = today - timedelta(days=120)
        key_docs.write({"state": "sent", "date_sent": start})
        # signed scans of the won deals: some originals came back, the others are awaited (some overdue)
        won_docs = package.filtered(lambda doc: doc.lead_id in won and doc.original_required)
        for index, docs in enumerate(won_docs.grouped("lead_id").values()):
            if index % 3 == 0:
                docs.write({"state": "original", "date_original": today - timedelta(days=5)})
            else:
                docs.write({"state": "scan", "date_sent": today - timedelta(days=10 + 15 * (index % 4))})
        # open documents of the deals in contract approval: some late
        open_docs = package.filtered(lambda doc: doc.lead_id in to_contract - won and doc.state == "to_prepare")
        open_docs[::2].write({"due_date": today - timedelta(days=3)})
        open_docs[1::2].write({"due_date": today + timedelta(days=7)})
        won.action_set_won()
        # closing dates over the last six months (this month too)
        for months_ago in range(6):
            group = won[months_ago::6]
            day = (today.replace(day=1) - relativedelta(months=months_ago)).replace(day=15) if months_ago else today
            group.write({"date_closed": datetime.combine(day, time(9))})
        reasons = [
            ref("crm_lost_reason_no_budget"),
            ref("crm_lost_reason_competitor"),
            ref("crm_lost_reason_not_interested"),
            ref("crm_lost_reason_no_time"),
        ]
        for index, reason in enumerate(reasons):
            lost[index::4].action_set_lost(lost_reason_id=reason.id)
        return leads

    # ------------------------------------------------------------ results

    @api.model
    def _event_lead_demo_make_results(self, today, companies, leads, events):
        """Contact results of every type over the last two months (many of
        them this month), planned contacts with their postponements, and
        incoming calls with the source the caller named."""
        ref = self._event_lead_demo_ref
        Result = self.env["event.lead.contact.result"]
        call, meeting = self.env.ref("mail.mail_activity_data_call"), self.env.ref("mail.mail_activity_data_meeting")
        refusals = [ref("crm_lost_reason_no_budget"), ref("crm_lost_reason_competitor"), ref("crm_lost_reason_no_time")]
        postpones = [ref("postpone_reason_absent"), ref("postpone_reason_decision"), ref("postpone_reason_no_answer")]
        won = {
            lead.partner_id.commercial_partner_id.id: lead for lead in leads.filtered(lambda l: l.won_status == "won")
        }
        month_start = today.replace(day=1)
        owned = companies.filtered(lambda c: c.user_id and c.user_id != ref("res_users_pool_demo"))
        kinds = ["postponed", "refused_participation", "invitation_sent", "manual_sent", "other", "refused_visit"]
        notes = [
            self.env._("Asked for the price list of the autumn exhibition."),
            self.env._("Discussed the stand position; waiting for the floor plan."),
            self.env._("The client will attend with two colleagues."),
        ]
        vals_list = []
        for index, client in enumerate(owned):
            contact = client.child_ids[:1]
            for step in range(3):
                kind = kinds[(index + step) % len(kinds)]
                if step == 2 and client.id in won:
                    kind = "sale"
                # half of the contacts this month, the rest over the two previous months
                if (index + step) % 2:
                    day = month_start + timedelta(days=(index * 3 + step) % max(1, (today - month_start).days + 1))
                else:
                    day = today - timedelta(days=20 + (index * 7 + step * 5) % 40)
                vals = {
                    "date": day,
                    "user_id": client.user_id.id,
                    "commercial_partner_id": client.id,
                    "partner_id": contact.id,
                    "activity_type_id": (call if (index + step) % 4 else meeting).id,
                    "result_type": kind,
                    "event_id": events[index % len(events)].id if index % 3 == 0 else False,
                }
                if kind == "postponed":
                    count = 1 + index % 3
                    vals.update(
                        {
                            "postpone_reason_id": postpones[index % 3].id,
                            "postponed_from": day,
                            "postponed_to": day + timedelta(days=7),
                            "postponed_days": 7,
                            "postponement_count": count,
                        }
                    )
                elif kind.startswith("refused"):
                    vals["lost_reason_id"] = refusals[index % 3].id
                elif kind == "invitation_sent":
                    vals["visitor_ids"] = [Command.set(contact.ids or client.ids)]
                elif kind == "manual_sent":
                    vals["manual_kind"] = ("marketing", "technical", "both")[index % 3]
                elif kind == "sale":
                    vals["lead_id"] = won[client.id].id
                else:
                    vals["note"] = notes[index % len(notes)]
                vals_list.append(vals)
        # incoming calls this month, with where the caller heard of us
        sources = self.env["utm.source"].search([("name", "in", ["Выставка", "Сайт", "Рекомендация"])])
        if search_engine := self.env.ref("utm.utm_source_search_engine", raise_if_not_found=False):
            sources |= search_engine
        for index, client in enumerate(owned[::3]):
            vals_list.append(
                {
                    "date": month_start + timedelta(days=index % max(1, (today - month_start).days + 1)),
                    "user_id": client.user_id.id,
                    "commercial_partner_id": client.id,
                    "partner_id": client.child_ids[:1].id,
                    "activity_type_id": call.id,
                    "direction": "incoming",
                    "source_id": sources[index % len(sources)].id,
                    "result_type": ("manual_sent", "other", "invitation_sent")[index % 3],
                    "manual_kind": "marketing",
                    "note": notes[index % len(notes)],
                    "visitor_ids": [Command.set((client.child_ids[:1] or client).ids)],
                }
            )
        Result.create(vals_list)
        # the planned contacts: postponed ones carry their count, some are overdue
        Activity = self.env["mail.activity"].with_context(mail_activity_quick_update=True)
        partner_model = self.env["ir.model"]._get_id("res.partner")
        Activity.create(
            [
                {
                    "res_model_id": partner_model,
                    "res_id": client.id,
                    "activity_type_id": (call if index % 3 else meeting).id,
                    "summary": self.env._("Call back about the exhibition offer"),
                    "user_id": client.user_id.id,
                    "event_lead_contact_id": client.child_ids[:1].id,
                    "date_deadline": today + timedelta(days=index % 12 - 4),
                    "event_lead_postpone_count": index % 4,
                    "event_lead_postponed_days": 7 * (index % 4),
                }
                for index, client in enumerate(owned[::2])
            ]
        )

    @api.model
    def _event_lead_demo_record_followups(self, today, event):
        """The operator works some follow-ups of the past event through the
        result dialog: postponements, refusals, an invitation, another result."""
        Wizard = self.env["event.lead.contact.result.wizard"]
        activities = self.env["mail.activity"].search(
            [("event_lead_registration_id.event_id", "=", event.id)], order="id", limit=8
        )
        ref = self._event_lead_demo_ref
        outcomes = [
            {"result_type": "postponed", "postpone_reason_id": ref("postpone_reason_no_answer").id},
            {"result_type": "refused_visit", "lost_reason_id": ref("crm_lost_reason_not_interested").id},
            {"result_type": "other", "note": self.env._("Asked to call after the holidays.")},
            {"result_type": "refused_participation", "lost_reason_id": ref("crm_lost_reason_no_budget").id},
        ]
        for index, activity in enumerate(activities):
            values = dict(outcomes[index % len(outcomes)])
            if values["result_type"] == "postponed":
                values["postponed_to"] = max(today, activity.date_deadline) + timedelta(days=3 + index)
            wizard = Wizard.with_user(activity.user_id).with_context(default_activity_id=activity.id).create(values)
            wizard.action_confirm()
