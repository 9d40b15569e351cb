from odoo import fields, models


class EventLeadRegistrationImportLine(models.TransientModel):
    """One row of an imported participants file and what became of it."""

    _name = "event.lead.registration.import.line"
    _description = "Imported participant row"
    _order = "row"

    import_id = fields.Many2one("event.lead.registration.import", required=True, ondelete="cascade")
    row = fields.Integer(help="Row of the file (the column titles are row 1).")
    name = fields.Char(string="Participant")
    status = fields.Selection(
        [
            ("created", "New contact"),
            ("linked", "Existing contact"),
            ("skipped", "Skipped"),
            ("error", "Rejected"),
        ],
        required=True,
    )
    reason = fields.Char()
    partner_id = fields.Many2one("res.partner", string="Contact")
    registration_id = fields.Many2one("event.registration")
