import logging
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

# Deterministic material of the demo story (names can be Russian in both languages).
NAME_HEADS = [
    "Альт", "Бел", "Вел", "Гран", "Дом", "Евро", "Зен", "Ока", "Кам", "Лен",
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
# the regions of those cities (base.state_ru_*)
CITY_REGIONS = {
    "Москва": "mow",
    "Санкт-Петербург": "spe",
    "Казань": "ta",
    "Екатеринбург": "sve",
    "Новосибирск": "nvs",
    "Самара": "sam",
    "Тюмень": "tyu",
    "Краснодар": "kda",
}
# industries of the clients (base.res_partner_industry_*): manufacturing, construction,
# transport/logistics, IT, trade, finance, energy, health
INDUSTRIES = ["C", "F", "H", "J", "G", "K", "D", "Q"]
# the exhibition company of the story in a Russian database (modelled on an
# exhibition company in Samara that a book on exhibition management
# describes); a fictitious company: its INN and KPP have valid check digits
RUSSIAN_COMPANY = {
    "name": "ООО «ВолгаЭкспоЦентр»",
    "street": "Московское шоссе, 205",
    "city": "Самара",
    "zip": "443066",
    "phone": "+7 846 200-10-20",
    "email": "info@volgaexpo.example",
    "website": "https://volgaexpo.example",
    "vat": "6316245784",
    "event_lead_kpp": "631601001",
}
# public holidays of the Russian Labour Code (art. 112): (month, day, name);
# the days the government moves each year are added by hand
RUSSIAN_HOLIDAYS = [
    (1, 1, "Новогодние каникулы"),
    (1, 2, "Новогодние каникулы"),
    (1, 3, "Новогодние каникулы"),
    (1, 4, "Новогодние каникулы"),
    (1, 5, "Новогодние каникулы"),
    (1, 6, "Новогодние каникулы"),
    (1, 7, "Рождество Христово"),
    (1, 8, "Новогодние каникулы"),
    (2, 23, "День защитника Отечества"),
    (3, 8, "Международный женский день"),
    (5, 1, "Праздник Весны и Труда"),
    (5, 9, "День Победы"),
    (6, 12, "День России"),
    (11, 4, "День народного единства"),
]
# prospects who showed interest, then went quiet for seven weeks (no contact
# person, so no event, letter or click gives them an open task): the
# Schiffman board reminds their owner on the first night
QUIET_REFS = ("ELD-061", "ELD-067", "ELD-073")
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
    "event.lead.dossier.entry",
]

_logger = logging.getLogger(__name__)


class EventLeadDemo(models.AbstractModel):
    """Generator of the demo story: the clients of a sales department, its
    events, contact results, deals and documents, made through the real
    business methods (duplicate guard, follow-up planning, result dialog,
    deal statuses with their facts, document package). Deterministic and
    batched; run once from the demo data (an upgrade finds it done)."""

    _name = "event.lead.demo"
    _description = "Event Leads demo data"

    @api.model
    def _demo_lang(self):
        """The language of the texts users read: the administrator's when it is Russian."""
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        return "ru_RU" if admin and (admin.lang or "").startswith("ru") else "en_US"

    @api.model
    def _demo_ref(self, xmlid):
        return self.env.ref(f"event_lead_followup.{xmlid}")

    @api.model
    def _demo_clients(self):
        """The generated companies (their reference starts with ELD-)."""
        return self.env["res.partner"].search([("ref", "=like", "ELD-%"), ("is_company", "=", True)], order="ref")

    @api.model
    def _demo_speak(self):
        """The demo users speak the language of the story (Marc Demo and the
        users of our demo files so far), before anything is written for them:
        each job writes in its reader's language at the time it writes."""
        users = self.env["res.users"].browse(
            self.env["ir.model.data"]
            # sudo: the demo generator finds its users
            .sudo()
            .search([("module", "=", "event_lead_followup"), ("model", "=", "res.users")])
            .mapped("res_id")
        )
        users |= self.env.ref("base.user_demo", raise_if_not_found=False) or users
        # sudo: the demo generator: its users speak the story's language
        users.sudo().write({"lang": self._demo_lang()})

    @api.model
    def _demo_make_company(self):
        """In a Russian database, the demo company becomes the exhibition
        company of the story: its name and address in Samara, Russia, RUB,
        INN and KPP, a five-day week in Samara with the public holidays of the
        Russian Labour Code. Run first, before any client: the duplicate
        guard reads phones with the company's country. An English database
        keeps Odoo's demo company."""
        self._demo_speak()
        if self._demo_lang() != "ru_RU":
            return
        # sudo: the demo generator makes the company Russian
        company = self.env.ref("base.main_company").sudo()
        if company.country_id.code == "RU" and company.vat == RUSSIAN_COMPANY["vat"]:
            return  # already told (an upgrade reloads nothing, a second call changes nothing)
        before = self._demo_last_ids(["resource.calendar.leaves"])
        russia = self.env.ref("base.ru")
        company.write(
            {
                **RUSSIAN_COMPANY,
                "country_id": russia.id,
                "state_id": self.env.ref("base.state_ru_sam").id,
            }
        )
        company.partner_id.lang = "ru_RU"
        # sudo: the demo generator activates the rouble
        rub = self.env.ref("base.RUB").sudo()
        rub.active = True
        try:
            with self.env.cr.savepoint():
                company.currency_id = rub
        except UserError as error:
            # accounting already has entries in the old currency: Odoo keeps it
            _logger.info("demo company keeps its currency %s: %s", company.currency_id.name, error)
        calendar = company.resource_calendar_id
        if calendar:
            calendar.write({"name": "Пятидневка, 40 часов (Самара)", "tz": "Europe/Samara"})
            self._demo_holidays(calendar)
        self._demo_register("event_lead_followup", before)

    @api.model
    def _demo_holidays(self, calendar):
        """The public holidays of this year and the next as days off of ``calendar``."""
        tz = pytz.timezone(calendar.tz or "Europe/Moscow")
        year = fields.Date.context_today(self).year
        vals_list = []
        for current in (year, year + 1):
            for month, day, name in RUSSIAN_HOLIDAYS:
                start = tz.localize(datetime.combine(date(current, month, day), time.min))
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                        "date_to": (start + timedelta(days=1, seconds=-1)).astimezone(pytz.utc).replace(tzinfo=None),
                        "time_type": "leave",
                    }
                )
        self.env["resource.calendar.leaves"].create(vals_list)

    @api.model
    def _demo_generate(self):
        if self._demo_clients():
            return  # already told (an upgrade reloads the demo files)
        before = self._demo_last_ids(STORY_MODELS)
        lang = self._demo_lang()
        # sudo: the demo generator
        demo = self.sudo().with_context(lang=lang, tracking_disable=True, mail_notrack=True, mail_create_nolog=True)
        today = fields.Date.context_today(demo)
        ref = demo._demo_ref
        team = ref("crm_team_event_sales_demo")
        advisors = ref("res_users_advisor1_demo") | ref("res_users_advisor2_demo") | ref("res_users_advisor3_demo")
        demo._demo_speak()
        (advisors | ref("res_users_manager_demo")).write({"sale_team_id": team.id})
        # the head of sales leads the sales team: the owners without a team
        # leader (Marc, the administrator) have their digest of stale clients go to him
        demo.env.ref("base.main_company").event_lead_head_user_id = ref("res_users_manager_demo")
        companies = demo._demo_make_clients(today, advisors)
        contacts = companies.child_ids
        past, upcoming = demo._demo_make_events(today, contacts)
        leads = demo._demo_make_deals(
            today,
            companies.filtered(
                lambda c: c.user_id and c.user_id != ref("res_users_pool_demo") and c.ref not in QUIET_REFS
            ),
        )
        demo._demo_make_results(today, companies, leads, past | upcoming)
        demo._demo_record_followups(today, past, limit=8)
        demo._demo_expo_event(today, upcoming)
        demo._demo_not_worked(today, companies)
        demo._demo_own_duplicate()
        demo._demo_register("event_lead_followup", before)

    @api.model
    def _demo_last_ids(self, model_names):
        """{model: its highest id now}, to find what the story creates next."""
        return {
            # sudo: the demo generator
            name: self.env[name].sudo().with_context(active_test=False).search([], order="id desc", limit=1).id or 0
            for name in model_names
        }

    @api.model
    def _demo_register(self, module, before):
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
    def _demo_make_clients(self, today, advisors):
        """About 110 companies with their contact persons, owned by the
        advisors, the manager, the pool or nobody; checked by the duplicate guard."""
        ref = self._demo_ref
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
        # every company a name of its own: the (head, tail) pairs taken in a
        # fixed shuffled order (7 and 240 are coprime), never twice
        pairs = [(head, tail) for tail in NAME_TAILS for head in NAME_HEADS]
        vals_by_owner = {}
        for index in range(CLIENT_COUNT):
            head, tail = pairs[(index * 7) % len(pairs)]
            slug = f"client{index:03d}"
            owner = owners[index % len(owners)]
            city = CITIES[index % len(CITIES)]
            vals_by_owner.setdefault(owner, []).append(
                {
                    "name": f"{LEGAL_FORMS[index % len(LEGAL_FORMS)]} «{head}{tail}»",
                    "is_company": True,
                    "ref": f"ELD-{index:03d}",
                    "city": city,
                    "state_id": self.env.ref(f"base.state_ru_{CITY_REGIONS[city]}").id,
                    "country_id": russia.id,
                    "industry_id": self.env.ref(f"base.res_partner_industry_{INDUSTRIES[index % len(INDUSTRIES)]}").id,
                    "email": f"info@{slug}.demo-leads.example",
                    "website": f"https://{slug}.demo-leads.example",
                    "phone": f"+7 913 {index:03d}-00-55",
                    "user_id": owner.id,
                    "event_lead_source_id": sources[index % len(sources)].id,
                    "event_lead_readiness": str(1 + index % 5),
                    "event_lead_company_size": ("micro", "small", "medium", "large")[index % 4],
                    "event_lead_first_contact_place": ("stand", "event", "web_form", "call_in")[index % 4],
                    "event_lead_preferred_channel": ("phone", "email", "meeting")[index % 3],
                }
            )
        # entered by their owners, through the duplicate guard as on the form
        # (the manager enters the unowned ones and those of the pool): a client
        # another advisor owns would stop the demo here, not slip in twice
        manager = ref("res_users_manager_demo")
        companies = Partner
        for owner, vals_list in vals_by_owner.items():
            user = owner if owner and owner != ref("res_users_pool_demo") else manager
            companies |= Partner.with_user(user).create(vals_list)
        # sudo: the demo generator (the clients were created by their owners above)
        companies = companies.sudo().sorted("ref")
        contacts_by_owner = {}
        for index, company in enumerate(companies):
            for rank in range(0 if company.ref in QUIET_REFS else 1 + index % 3):
                first, last = (MEN if (index + rank) % 3 else WOMEN)[
                    (index * 5 + rank) % (8 if (index + rank) % 3 == 0 else 12)
                ]
                contacts_by_owner.setdefault(company.user_id, []).append(
                    {
                        "firstname": first,
                        "lastname": last,
                        "parent_id": company.id,
                        "function": FUNCTIONS[(index + rank) % len(FUNCTIONS)],
                        "email": f"p{rank}@{company.website.split('//')[1]}",
                        "phone": f"+7 912 {index:03d}-{rank:02d}-44",
                    }
                )
        contacts = Partner
        for owner, vals_list in contacts_by_owner.items():
            user = owner if owner and owner != ref("res_users_pool_demo") else manager
            contacts |= Partner.with_user(user).create(vals_list)
        # sudo: the demo generator (the contacts were created by their owners above)
        contacts = contacts.sudo()
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
    def _demo_make_events(self, today, contacts):
        """A second past event (its follow-ups planned by the real method)
        and an upcoming one, both with invitations of the operator."""
        ref = self._demo_ref
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
        self.env["event.lead.followup.kind"]._load_translations()
        past.action_event_lead_plan_followups()
        return past, upcoming

    # -------------------------------------------------------------- deals

    @api.model
    def _demo_make_deals(self, today, owned):
        """Deals in every status, moved through the statuses with their facts
        like a salesperson does: Need, Negotiation, Contract approval, Won
        (over the last six months), Lost (with reasons)."""
        ref = self._demo_ref
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
    def _demo_make_results(self, today, companies, leads, events):
        """Contact results of every type over the last two months (many of
        them this month), planned contacts with their postponements, and
        incoming calls with the source the caller named."""
        ref = self._demo_ref
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
        # nobody worked on these (see _demo_not_worked); these went quiet
        unworked = owned[11::12]
        quiet_clients = owned.filtered(lambda client: client.ref in QUIET_REFS)
        worked = owned - unworked - quiet_clients
        vals_list = []
        for index, client in enumerate(owned):
            if client in unworked:
                continue
            quiet = client in quiet_clients
            contact = client.child_ids[:1]
            for step in range(3):
                kind = kinds[(index + step) % len(kinds)]
                if step == 2 and client.id in won:
                    kind = "sale"
                if quiet:
                    kind = ("manual_sent", "other", "invitation_sent")[step]
                # half of the contacts this month, the rest over the two previous months
                if quiet:
                    day = today - timedelta(days=70 - 10 * step)
                elif (index + step) % 2:
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
        for index, client in enumerate(worked[::3]):
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
        # two months of history, written as data: the contacts of this story are held
        # later (_demo_record_followups, through _record)
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
                for index, client in enumerate(worked[::2])
            ]
        )

    @api.model
    def _demo_record_followups(self, today, event, limit=None, kinds=None, outcomes=None):
        """Operators work follow-ups of ``event`` as they would, each result
        recorded the one way results are: postponements, refusals, another
        result... Returns the activities worked."""
        Result = self.env["event.lead.contact.result"]
        domain = [("event_lead_registration_id.event_id", "=", event.id)]
        if kinds:
            domain.append(("event_lead_followup_kind", "in", kinds))
        activities = self.env["mail.activity"].search(domain, order="id", limit=limit)
        ref = self._demo_ref
        outcomes = outcomes or [
            {"result_type": "postponed", "postpone_reason_id": ref("postpone_reason_no_answer").id},
            {"result_type": "refused_visit", "lost_reason_id": ref("crm_lost_reason_not_interested").id},
            {"result_type": "other", "note": self.env._("Asked to call after the holidays.")},
            {"result_type": "refused_participation", "lost_reason_id": ref("crm_lost_reason_no_budget").id},
        ]
        for index, activity in enumerate(activities):
            values = dict(outcomes[index % len(outcomes)])
            outcome = values.pop("event_lead_outcome", False)
            if values["result_type"] == "postponed":
                values["postponed_to"] = max(today, activity.date_deadline) + timedelta(days=3 + index % 5)
            if values["result_type"] == "invitation_sent":
                # the dialog proposes the contact person
                values["visitor_ids"] = [Command.set(activity.event_lead_contact_id.ids)]
            Result.with_user(activity.user_id)._record(values, activity=activity, outcome=outcome)
        return activities

    @api.model
    def _demo_expo_event(self, today, upcoming):
        """The story's event (Связь-Экспо, 100 registered, 45 came) three days
        on: its participants' companies have an industry and a region, the
        operators called part of the no-shows and of the others with their
        results, pre-qualified some interested participants and handed two
        over to sales; a competitor and a key contact have a dossier entry."""
        ref = self._demo_ref
        expo = ref("event_event_expo_demo")
        clients = expo.registration_ids.event_lead_client_id.filtered("is_company").sorted("id")
        # segments: the industry and the region of each company (one write per value)
        for index, industry in enumerate(INDUSTRIES):
            clients[index :: len(INDUSTRIES)].write(
                {"industry_id": self.env.ref(f"base.res_partner_industry_{industry}").id}
            )
        for index, city in enumerate(CITIES):
            clients[index :: len(CITIES)].write(
                {
                    "city": city,
                    "state_id": self.env.ref(f"base.state_ru_{CITY_REGIONS[city]}").id,
                    "country_id": self.env.ref("base.ru").id,
                }
            )
        # the no-shows: why they did not come, materials, an invitation to the next exhibition
        notes = [
            self.env._("Was ill on the day; asked for the presentations of the stand."),
            self.env._("Sent a colleague instead; wants the price list."),
        ]
        self._demo_record_followups(
            today,
            expo,
            limit=24,
            kinds=["no_show"],
            outcomes=[
                {"result_type": "postponed", "postpone_reason_id": ref("postpone_reason_no_answer").id},
                {"result_type": "manual_sent", "manual_kind": "marketing", "note": notes[0]},
                {"result_type": "refused_visit", "lost_reason_id": ref("crm_lost_reason_no_time").id},
                {
                    "result_type": "invitation_sent",
                    "note": self.env._(
                        "Invited to the next event: %(event)s. Will come with a colleague.", event=upcoming.name
                    ),
                },
                {"result_type": "other", "note": notes[1], "event_lead_outcome": "interested"},
                {"result_type": "postponed", "postpone_reason_id": ref("postpone_reason_absent").id},
            ],
        )
        # came without a questionnaire: the key questions asked by phone
        self._demo_record_followups(
            today,
            expo,
            limit=6,
            kinds=["no_questionnaire"],
            outcomes=[
                {
                    "result_type": "other",
                    "note": self.env._("Needs a stand at the autumn exhibition; budget approved in spring."),
                    "event_lead_outcome": "interested",
                },
                {"result_type": "refused_participation", "lost_reason_id": ref("crm_lost_reason_no_budget").id},
                {"result_type": "manual_sent", "manual_kind": "both", "event_lead_outcome": "no_interest"},
            ],
        )
        # the interested: pre-qualified, two handed over to sales
        qualified = self._demo_record_followups(
            today,
            expo,
            limit=4,
            kinds=["interested"],
            outcomes=[
                {
                    "result_type": "other",
                    "note": self.env._("IT director, decides on the stand; asked for an offer."),
                    "event_lead_outcome": "qualified",
                },
            ],
        )
        registrations = qualified.event_lead_registration_id[:2]
        if registrations:
            operator = qualified[:1].user_id
            self.env["event.lead.sales.handover.wizard"].with_user(operator).create(
                {
                    "registration_ids": [Command.set(registrations.ids)],
                    "user_id": ref("res_users_advisor1_demo").id,
                    "note": self.env._("Pre-qualified after the exhibition: IT director, budget this year."),
                }
            ).action_hand_over()
        self._demo_dossier(clients)

    @api.model
    def _demo_not_worked(self, today, companies):
        """Some clients of the advisors had no note, call or e-mail for four
        months: the first nightly check flags them and their manager gets the digest."""
        worked = self.env["event.lead.contact.result"].search([("commercial_partner_id", "in", companies.ids)])
        worked = worked.commercial_partner_id
        planned = self.env["mail.activity"].search([("res_model", "=", "res.partner")]).mapped("res_id")
        ref = self._demo_ref
        advisors = ref("res_users_advisor1_demo") | ref("res_users_advisor2_demo") | ref("res_users_advisor3_demo")
        forgotten = companies.filtered(
            lambda client: client.user_id in advisors and client not in worked and client.id not in planned
        )[:8]
        long_ago = datetime.combine(today - timedelta(days=120), time(10))
        forgotten.write({"event_lead_last_interaction": long_ago, "event_lead_owner_since": long_ago})

    @api.model
    def _demo_own_duplicate(self):
        """The one duplicate of the story, on purpose (README): Marc enters
        Toyota a second time. The guard lets him (the client is his), notes it
        on the new card and both cards show the warning, until he merges them."""
        marc = self.env.ref("base.user_demo", raise_if_not_found=False)
        toyota = self._demo_ref("res_partner_toyota_demo")
        if marc and toyota.user_id == marc:
            self.env["res.partner"].with_user(marc).create(
                {
                    "name": "ООО «Тойота»",
                    "is_company": True,
                    "user_id": marc.id,
                    "email": "zakaz@toyota-demo.example",
                    "country_id": self.env.ref("base.ru").id,
                }
            )

    @api.model
    def _demo_dossier(self, clients):
        """A competitor with an entry on its prices, and a personal entry on a
        key contact of a participant."""
        Partner = self.env["res.partner"]
        competitor = Partner.with_user(self._demo_ref("res_users_manager_demo")).create(
            {
                "name": self.env._("Exhibition Alliance JSC"),
                "is_company": True,
                "is_competitor": True,
                "city": "Казань",
                "country_id": self.env.ref("base.ru").id,
                "website": "https://expo-alliance.demo-leads.example",
            }
        )
        contact = clients.child_ids[:1]
        entries = [
            {
                "kind": "company",
                "partner_id": competitor.id,
                "topic": "offer",
                "subject": self.env._("Stand building 15% cheaper for early bookings"),
                "body": Markup("<p>%s</p>")
                % self.env._(
                    "At Svyaz-Expo they offered our exhibitors stand building 15% cheaper when booked "
                    "three months ahead. Two of our clients asked whether we match it."
                ),
                "source": self.env._("Conversation at the stand"),
            },
        ]
        if contact:
            entries.append(
                {
                    "kind": "person",
                    "partner_id": contact.id,
                    "topic": "staff",
                    "subject": self.env._("Appointed commercial director"),
                    "body": Markup("<p>%s</p>")
                    % self.env._(
                        "Now decides on exhibitions and sponsorship; prefers short letters and a call in the morning."
                    ),
                    "source": self.env._("Svyaz-Expo, the exhibition's business programme"),
                }
            )
        self.env["event.lead.dossier.entry"].create(entries)
