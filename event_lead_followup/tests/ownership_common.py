from .common import EventLeadCommon


class OwnershipCommon(EventLeadCommon):
    """Clients owned by the two advisors, a pool owner and a sales team led
    by the manager, on top of the users of every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a Russian company: phones written 8 (495)... are Russian numbers
        cls.env.company.country_id = cls.env.ref("base.ru")
        Partner = cls.env["res.partner"]
        cls.pool_user = cls.env["res.users"].create(
            {"name": "Василий Тупин", "login": "el_pool", "email": "pool@example.com"}
        )
        cls.env.company.event_lead_pool_user_id = cls.pool_user
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Event sales (ownership tests)",
                "event_lead_follow_statuses": True,
                "user_id": cls.user_manager.id,
                "member_ids": [(6, 0, (cls.user_advisor | cls.user_advisor2 | cls.user_operator).ids)],
            }
        )
        # Boris owns Toyota; Anna owns Ромашка
        cls.toyota = Partner.create(
            {
                "name": "Тойота (Toyota)",
                "is_company": True,
                "user_id": cls.user_advisor2.id,
                "vat": "7707083893",
                "email": "info@toyota.ru",
                "phone": "8 (495) 123-45-67",
                "website": "https://www.toyota.ru",
            }
        )
        cls.toyota_contact = Partner.create(
            {"firstname": "Олег", "lastname": "Петров", "parent_id": cls.toyota.id, "email": "oleg@toyota.ru"}
        )
        cls.romashka = Partner.create({"name": 'ООО "Ромашка"', "is_company": True, "user_id": cls.user_advisor.id})
        cls.unowned = Partner.create({"name": "Ничейная компания", "is_company": True})
        cls.pooled = Partner.create({"name": "Забытая компания", "is_company": True, "user_id": cls.pool_user.id})

    def _messages_text(self, record):
        return "\n".join(record.message_ids.mapped(lambda m: str(m.body)))
