from datetime import date

from odoo.addons.event_lead_followup.tests.common import EventLeadCommon


class EventLeadTagsCommon(EventLeadCommon):
    """A running campaign on its own tag and date, clients of two advisors.

    The campaign's date is 10 August (fixed), sent 14 days before: on
    27 July; owners see their letters from 13 July (14 days of preview).
    """

    SEND_DAY = date(2027, 7, 27)
    PREVIEW_DAY = date(2027, 7, 20)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["event_lead_followup", "event_lead_tags"], ["ru_RU"], overwrite=True
        )
        cls.env.company.write({"email": "office@company.example.com"})
        cls.user_advisor.signature = "<p>Anna Advisor<br/>+7 495 000-00-01</p>"
        cls.tag_parent = cls.env["res.partner.category"].create({"name": "Test sector"})
        cls.tag = cls.env["res.partner.category"].create({"name": "Road builders", "parent_id": cls.tag_parent.id})
        cls.tag_sub = cls.env["res.partner.category"].create({"name": "Bridges", "parent_id": cls.tag.id})
        cls.rule = cls.env["event.lead.date.rule"].create(
            {"name": "Road Builders' Day", "kind": "fixed", "month": "8", "day": 10, "lead_days": 14}
        )
        cls.template = cls.env.ref("event_lead_tags.mail_template_professional_holiday")
        cls.campaign = cls.env["event.lead.campaign"].create(
            {
                "name": "Road Builders' Day",
                "tag_id": cls.tag.id,
                "date_rule_id": cls.rule.id,
                "template_id": cls.template.id,
                "offer_url": "https://shop.example.com/offers/road?utm_x=1&size=2",
                "user_id": cls.user_marketing.id,
                "state": "running",
            }
        )
        Partner = cls.env["res.partner"].with_context(mail_create_nolog=True)
        cls.company_anna = Partner.create(
            {
                "name": "ООО «Дорстрой»",
                "is_company": True,
                "user_id": cls.user_advisor.id,
                "email": "info@dorstroy.example.com",
            }
        )
        cls.company_boris = Partner.create(
            {
                "name": "Mostotrest",
                "is_company": True,
                "user_id": cls.user_advisor2.id,
                "email": "info@mostotrest.example.com",
            }
        )
        cls.oleg = cls._client("Олег", "Петров", cls.company_anna, "oleg@dorstroy.example.com", "ru_RU")
        cls.unknown = cls._client("!", "Кондрашов", cls.company_anna, "kondrashov@dorstroy.example.com", "ru_RU")
        cls.john = cls._client("John", "Smith", cls.company_boris, "john@mostotrest.example.com", "en_US", cls.tag_sub)
        cls.untagged = cls._client(
            "Ivan", "Untagged", cls.company_anna, "ivan@dorstroy.example.com", "ru_RU", tag=False
        )

    @classmethod
    def _client(cls, firstname, lastname, company, email, lang, tag=None):
        tag = cls.tag if tag is None else tag
        return (
            cls.env["res.partner"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "firstname": firstname,
                    "lastname": lastname,
                    "parent_id": company.id,
                    "email": email,
                    "lang": lang,
                    "category_id": [(6, 0, tag.ids if tag else [])],
                }
            )
        )

    def _letters(self, partners=None):
        domain = [("campaign_id", "=", self.campaign.id)]
        if partners is not None:
            domain.append(("partner_id", "in", partners.ids))
        return self.env["event.lead.campaign.letter"].search(domain)

    def _letter(self, partner):
        return self._letters(partner)

    def _plan(self, day=None):
        return self.campaign._plan_letters(day or self.PREVIEW_DAY)

    def _send(self, day=None, limit=1000):
        """One batch of the cron: lock the due letters and queue them."""
        day = day or self.SEND_DAY
        Letter = self.env["event.lead.campaign.letter"]
        letters = Letter._lock_due(day, limit)
        return letters._queue(day)
