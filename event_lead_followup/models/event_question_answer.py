from odoo import fields, models

ANSWER_MEANINGS = [
    ("yes", "Yes"),
    ("no", "No"),
    ("it_head", "IT head"),
    ("business_head", "Business head"),
    ("other", "Other position"),
]


class EventQuestionAnswer(models.Model):
    _inherit = "event.question.answer"

    event_lead_role = fields.Selection(related="question_id.event_lead_role")
    event_lead_meaning = fields.Selection(
        ANSWER_MEANINGS,
        string="Meaning",
        help="What this answer tells about the attendee, read with the role of its question: "
        "Yes or No for interest, consent to continue and stated problem; IT head, Business head "
        "or Other position for the position.",
    )
