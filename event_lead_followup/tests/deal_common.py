from odoo import fields

from .common import EventLeadCommon


class EventLeadDealCommon(EventLeadCommon):
    """A client owned by an advisor, its contact person and stage helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.stage_need = cls.env.ref("event_lead_followup.crm_stage_need")
        cls.stage_negotiation = cls.env.ref("event_lead_followup.crm_stage_negotiation")
        cls.stage_contract = cls.env.ref("event_lead_followup.crm_stage_contract")
        cls.stage_won = cls.env.ref("event_lead_followup.crm_stage_won")
        cls.client = cls.env["res.partner"].create(
            {"name": "ООО «Ромашка»", "is_company": True, "user_id": cls.user_advisor.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"firstname": "Олег", "lastname": "Смирнов", "parent_id": cls.client.id, "email": "oleg@romashka.example"}
        )
        cls.other_client = cls.env["res.partner"].create(
            {"name": "АО «Василёк»", "is_company": True, "user_id": cls.user_advisor2.id}
        )

    @classmethod
    def _lead(cls, user=None, partner=None, stage=None, **values):
        return (
            cls.env["crm.lead"]
            .with_user(user or cls.user_advisor)
            .create(
                {
                    "name": values.pop("name", "Стенд 24 м²"),
                    "type": "opportunity",
                    "partner_id": (partner or cls.contact).id,
                    "user_id": (user or cls.user_advisor).id,
                    "expected_revenue": values.pop("expected_revenue", 100000),
                    "stage_id": (stage or cls.stage_need).id,
                    **cls._stage_facts(stage or cls.stage_need),
                    **values,
                }
            )
            .sudo(False)
        )

    @classmethod
    def _walk(cls, lead, *stages):
        for stage in stages:
            lead.write({"stage_id": stage.id, **cls._stage_facts(stage)})
        return lead

    @classmethod
    def _send_key_documents(cls, lead, state="sent"):
        lead.event_lead_document_ids.filtered(
            lambda doc: doc.document_type_id.won_min_state and doc.state != "not_needed"
        ).write({"state": state})
