from odoo import fields, models


class EventLeadPostponeReason(models.Model):
    _name = "event.lead.postpone.reason"
    _description = "Postponement reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _name_unique = models.UniqueIndex("(name)", "This postponement reason already exists.")
