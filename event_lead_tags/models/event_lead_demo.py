from datetime import timedelta

from odoo import Command, api, fields, models

SECTORS = ["it", "auto_transport", "medicine", "oil", "industry", "construction", "trade", "finance", "energy"]
OFFER_URL = "https://www.example.com/autumn-offer"  # marks the demo campaign: an upgrade finds it sent
ANNIVERSARY_CAMPAIGN = "event_lead_tags.event_lead_campaign_anniversary_demo"
HOLIDAYS = ["holiday_8_march", "holiday_23_february", "holiday_new_year"]


class EventLeadDemo(models.AbstractModel):
    _inherit = "event.lead.demo"

    @api.model
    def _demo_tags_lang(self):
        """The demo's language, with this addon's translations loaded: Odoo
        loads them only after the demo data, and the letters the demo plans
        and sends are rendered from the templates in the clients' language."""
        lang = self._demo_lang()
        if lang != "en_US":
            self.env["ir.module.module"]._load_module_terms(["event_lead_tags"], [lang])
        return lang

    @api.model
    def _demo_generate_anniversary(self):
        """A running campaign for our company's anniversary, ten days after
        the installation: its letters to the clients of the anniversary tag
        (ООО «Дорстрой», Faubeha Trading) are planned, not sent yet."""
        if self.env.ref(ANNIVERSARY_CAMPAIGN, raise_if_not_found=False):
            return
        lang = self._demo_tags_lang()
        # sudo: the demo generator
        demo = self.sudo().with_context(lang=lang, tracking_disable=True, mail_notrack=True, mail_create_nolog=True)
        env = demo.env
        day = fields.Date.context_today(demo) + timedelta(days=10)
        tag = env["res.partner.category"].create(
            {
                "name": env._("Our anniversary mailing"),
                "parent_id": env.ref("event_lead_tags.res_partner_category_holiday").id,
                "event_lead_description": env._("Clients who get the letter on our company's anniversary."),
            }
        )
        clients = env["res.partner"].browse(
            env.ref(f"event_lead_tags.{xmlid}").id
            for xmlid in (
                "res_partner_dorstroy_demo",
                "res_partner_dorstroy_oleg_demo",
                "res_partner_dorstroy_unknown_demo",
                "res_partner_faubeha_demo",
                "res_partner_faubeha_anna_demo",
            )
        )
        clients.write({"category_id": [Command.link(tag.id)]})
        rule = env["event.lead.date.rule"].create(
            {
                "name": env._("Our company's anniversary"),
                "kind": "fixed",
                "month": str(day.month),
                "day": min(day.day, 28),
                "lead_days": 5,
            }
        )
        campaign = env["event.lead.campaign"].create(
            {
                "name": env._("Our company's anniversary"),
                "tag_id": tag.id,
                "date_rule_id": rule.id,
                "template_id": env.ref("event_lead_tags.mail_template_professional_holiday").id,
                "offer_url": "https://www.example.com/anniversary-offer",
                "user_id": env.ref("base.user_admin").id,
                "state": "running",
            }
        )
        env["ir.model.data"].create(
            [
                {
                    "module": "event_lead_tags",
                    "name": name,
                    "model": record._name,
                    "res_id": record.id,
                    "noupdate": True,
                }
                for name, record in (
                    ("res_partner_category_anniversary_demo", tag),
                    ("event_lead_date_rule_anniversary_demo", rule),
                    ("event_lead_campaign_anniversary_demo", campaign),
                )
            ]
        )
        campaign.action_plan_now()

    @api.model
    def _demo_generate_campaign(self):
        """Tag the generated clients (industry, holidays, New Year purchase
        month) and send one campaign this year through the campaign's own
        planning and sending, then let some clients click its offer: their
        owners get a call task and the clients become hot."""
        clients = self._demo_clients()
        if not clients or self.env["event.lead.campaign"].with_context(active_test=False).search_count(
            [("offer_url", "=", OFFER_URL)]
        ):
            return
        before = self._demo_last_ids(["mail.activity"])
        lang = self._demo_tags_lang()
        # sudo: the demo generator
        demo = self.sudo().with_context(lang=lang, tracking_disable=True, mail_notrack=True, mail_create_nolog=True)
        today = fields.Date.context_today(demo)
        Campaign = demo.env["event.lead.campaign"]
        contacts = clients.child_ids

        def tag(name):
            return demo.env.ref(f"event_lead_tags.res_partner_category_{name}")

        # tags as a marketer sets them: one batched write per tag
        for index, sector in enumerate(SECTORS):
            clients[index :: len(SECTORS)].write({"category_id": [Command.link(tag(f"sector_{sector}").id)]})
        for index, holiday in enumerate(HOLIDAYS):
            contacts[index :: len(HOLIDAYS) + 1].write({"category_id": [Command.link(tag(holiday).id)]})
        for index, month in enumerate(range(3, 13)):
            clients[index::20].write({"category_id": [Command.link(tag(f"ny_month_{month:02d}").id)]})

        # the campaign: its date two weeks ago (this year), the letters sent three days before
        occurrence = max(today - timedelta(days=14), today.replace(month=1, day=4))
        occurrence = min(occurrence, today)
        offer_tag = demo.env["res.partner.category"].create(
            {"name": demo.env._("Autumn offer to event clients"), "parent_id": tag("holiday").id}
        )
        contacts.filtered("email")[::2].write({"category_id": [Command.link(offer_tag.id)]})
        rule = demo.env["event.lead.date.rule"].create(
            {
                "name": demo.env._("Autumn offer"),
                "kind": "fixed",
                "month": str(occurrence.month),
                "day": occurrence.day,
                "lead_days": 3,
            }
        )
        campaign = Campaign.create(
            {
                "name": demo.env._("Autumn offer %(year)s", year=occurrence.year),
                "tag_id": offer_tag.id,
                "date_rule_id": rule.id,
                "template_id": demo.env.ref("event_lead_tags.mail_template_professional_holiday").id,
                "offer_url": OFFER_URL,
                "user_id": demo.env.ref("event_lead_followup.res_users_marketing_demo").id,
                "state": "running",
            }
        )
        # module data of event_lead_tags, as if loaded from XML: uninstalling the addon removes them
        demo.env["ir.model.data"].create(
            [
                {
                    "module": "event_lead_tags",
                    "name": name,
                    "model": record._name,
                    "res_id": record.id,
                    "noupdate": True,
                }
                for name, record in (
                    ("res_partner_category_autumn_offer_demo", offer_tag),
                    ("event_lead_date_rule_autumn_offer_demo", rule),
                    ("event_lead_campaign_autumn_offer_demo", campaign),
                )
            ]
        )
        send_date = occurrence - timedelta(days=3)
        campaign._plan_letters(today=send_date)
        Letter = demo.env["event.lead.campaign.letter"]
        letters = Letter.search([("campaign_id", "=", campaign.id), ("state", "=", "planned")])
        mails = letters._queue(send_date)
        # the e-mails went out (the demo database has no mail server)
        mails.mailing_trace_ids.set_sent()
        mails.write({"state": "sent"})
        campaign.last_plan_date = today
        # a quarter of the clients clicked the offer
        traces = mails.mailing_trace_ids.sorted("id")[::4]
        trackers = demo.env["link.tracker"].search(
            [("url", "=", campaign.offer_url), ("mass_mailing_id", "in", letters.mailing_id.ids)]
        )
        Click = demo.env["link.tracker.click"]
        for trace in traces:
            for tracker in trackers[:1]:
                click = Click.add_click(tracker.code, mailing_trace_id=trace.id, ip="192.0.2.8", country_code="RU")
                # what the letter's signed link does for a person's click
                trace.event_lead_letter_id._register_click(click)
        # the owners' call tasks belong to this addon's demo data too
        demo._demo_register("event_lead_tags", before)
