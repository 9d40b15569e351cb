from datetime import timedelta

from odoo import fields

from .common import EventLeadCommon


class EventFunnelCommon(EventLeadCommon):
    """An event that ended yesterday, its questionnaire (interest, consent,
    position, stated problem) and two telemarketing operators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.ru")
        cls.user_operator2 = cls._role_user("el_operator2", "group_event_lead_operator", "Pavel Operator")
        cls.now = fields.Datetime.now()
        cls.event = cls._event("Выставка «Связь»", operators=cls.user_operator | cls.user_operator2)
        Question = cls.env["event.question"]
        cls.q_interest = Question.create(
            {
                "title": "Интересны ли вам наши решения?",
                "question_type": "simple_choice",
                "event_lead_role": "interest",
                "answer_ids": [
                    (0, 0, {"name": "Да", "event_lead_meaning": "yes"}),
                    (0, 0, {"name": "Нет", "event_lead_meaning": "no"}),
                ],
            }
        )
        cls.q_consent = Question.create(
            {
                "title": "Можно ли с вами связаться?",
                "question_type": "simple_choice",
                "event_lead_role": "consent",
                "answer_ids": [
                    (0, 0, {"name": "Да", "event_lead_meaning": "yes"}),
                    (0, 0, {"name": "Нет", "event_lead_meaning": "no"}),
                ],
            }
        )
        cls.q_position = Question.create(
            {
                "title": "Ваша должность",
                "question_type": "simple_choice",
                "event_lead_role": "position",
                "answer_ids": [
                    (0, 0, {"name": "ИТ-директор", "event_lead_meaning": "it_head"}),
                    (0, 0, {"name": "Генеральный директор", "event_lead_meaning": "business_head"}),
                    (0, 0, {"name": "Специалист", "event_lead_meaning": "other"}),
                ],
            }
        )
        cls.q_problem = Question.create(
            {"title": "Какую задачу вы решаете?", "question_type": "text_box", "event_lead_role": "problem"}
        )
        cls.q_tshirt = Question.create(
            {
                "title": "Размер футболки",
                "question_type": "simple_choice",
                "answer_ids": [(0, 0, {"name": "M"}), (0, 0, {"name": "L"})],
            }
        )
        cls.event.question_ids = cls.q_interest | cls.q_consent | cls.q_position | cls.q_problem | cls.q_tshirt
        cls.yes, cls.no = cls.q_interest.answer_ids
        cls.consent_yes, cls.consent_no = cls.q_consent.answer_ids
        cls.it_head, cls.business_head, cls.other_position = cls.q_position.answer_ids

    @classmethod
    def _event(cls, name, operators=None, ended_days_ago=1, **values):
        end = cls.now - timedelta(days=ended_days_ago)
        return cls.env["event.event"].create(
            {
                "name": name,
                "date_begin": end - timedelta(hours=8),
                "date_end": end,
                "event_lead_operator_ids": [(6, 0, (operators or cls.env["res.users"]).ids)],
                **values,
            }
        )

    @classmethod
    def _participants(cls, count, prefix="Участник", company=None, owner=None):
        """``count`` contacts, each under a company of its own (or ``company``)."""
        Partner = cls.env["res.partner"]
        if company is None:
            companies = Partner.create(
                [
                    {"name": f"{prefix} компания {index}", "is_company": True, "user_id": owner.id if owner else False}
                    for index in range(count)
                ]
            )
        else:
            companies = [company] * count
        return Partner.create(
            [
                {
                    "name": f"{prefix} {index}",
                    "email": f"{prefix.lower()}.{index}@client{index}.example",
                    "parent_id": parent.id,
                }
                for index, parent in enumerate(companies)
            ]
        )

    @classmethod
    def _register(cls, partners, event=None, state="open"):
        return cls.env["event.registration"].create(
            [{"event_id": (event or cls.event).id, "partner_id": partner.id, "state": state} for partner in partners]
        )

    @classmethod
    def _answer(cls, registrations, *answers, text=None):
        """Give each registration these simple-choice answers (and a problem text)."""
        vals_list = []
        for registration in registrations:
            vals_list += [
                {"registration_id": registration.id, "question_id": answer.question_id.id, "value_answer_id": answer.id}
                for answer in answers
            ]
            if text:
                vals_list.append(
                    {"registration_id": registration.id, "question_id": cls.q_problem.id, "value_text_box": text}
                )
        cls.env["event.registration.answer"].create(vals_list)

    def _followups(self, event=None, **domain):
        return self.env["mail.activity"].search(
            [("event_lead_event_id", "=", (event or self.event).id), ("event_lead_followup_kind", "!=", False)]
            + [(key, "=", value) for key, value in domain.items()]
        )
