from odoo import fields, models

QUESTION_ROLES = [
    ("interest", "Interest"),
    ("consent", "Consent to continue"),
    ("problem", "Stated problem"),
    ("position", "Position"),
    ("other", "Other questionnaire question"),
]


class EventQuestion(models.Model):
    _inherit = "event.question"

    event_lead_role = fields.Selection(
        QUESTION_ROLES,
        string="Questionnaire role",
        help="Empty: a plain registration question. Otherwise the question belongs to the event "
        "questionnaire: an attendee who answered one of them has filled in the questionnaire, and "
        "the meaning of the answers (set on each answer) decides interest and priority. For a text "
        "question of role 'Stated problem', any answer states a problem.",
    )
