from odoo import fields, models

# Ordered: a document reaches a state after the ones before it.
DOCUMENT_STATES = [
    ("not_needed", "Not needed"),
    ("to_prepare", "To prepare"),
    ("prepared", "Prepared"),
    ("sent", "Sent"),
    ("scan", "Scan signed"),
    ("original", "Original received"),
]
STATE_RANK = {state: rank for rank, (state, _label) in enumerate(DOCUMENT_STATES)}


class EventLeadDocumentType(models.Model):
    _name = "event.lead.document.type"
    _description = "Deal document type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short technical name, unique (application, contract, upd...).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    original_required = fields.Boolean(
        string="Signed original expected",
        default=True,
        help="The client must return a signed paper original (contract, act, VAT invoice...). "
        "Manuals and invoices for payment need none.",
    )
    original_due_days = fields.Integer(
        string="Original due (days)",
        default=30,
        help="Days after the document was sent by which its signed original must be back; "
        "past that the deal owner gets a reminder.",
    )
    won_min_state = fields.Selection(
        [state for state in DOCUMENT_STATES if STATE_RANK[state[0]] >= STATE_RANK["prepared"]],
        string="Needed to win",
        help="A deal whose package holds this document cannot be marked won before the document "
        "reaches this state. Empty: no condition.",
    )
    replaced_type_ids = fields.Many2many(
        "event.lead.document.type",
        "event_lead_document_type_replaced_rel",
        "type_id",
        "replaced_type_id",
        string="Replaces",
        help="Adding this document to a package makes these documents not needed "
        "(a УПД replaces the act and the VAT invoice).",
    )
    description = fields.Text(translate=True)

    _code_unique = models.UniqueIndex("(code) WHERE code IS NOT NULL", "Two document types cannot share a code.")
    _original_due_days_positive = models.Constraint(
        "CHECK(original_due_days >= 0)", "The days to get an original back cannot be negative."
    )
