from odoo import fields, models
from odoo.tools import SQL

DAYS = [(f"{day:02d}", str(day)) for day in range(1, 32)]


class EventLeadCallReport(models.Model):
    """Incoming calls per source and day of the month, as the usual call
    log has them: one line per source (where the caller heard of the
    company), one column per day.

    An incoming call is a contact result recorded as *Incoming* whose contact
    type is a phone call; its source is the one given in the result dialog
    (by default the opportunity's source or the client's first-contact source).
    """

    _name = "event.lead.call.report"
    _description = "Incoming calls by source"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "source_id"
    _depends = {
        "event.lead.contact.result": [
            "date",
            "direction",
            "source_id",
            "user_id",
            "team_id",
            "event_id",
            "commercial_partner_id",
            "activity_type_id",
            "company_id",
        ],
        "mail.activity.type": ["category"],
    }

    date = fields.Date(readonly=True)
    day = fields.Selection(DAYS, string="Day of the month", readonly=True)
    source_id = fields.Many2one("utm.source", string="Heard of us from", readonly=True)
    user_id = fields.Many2one("res.users", string="Taken by", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    event_id = fields.Many2one("event.event", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", string="Contact type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    call_count = fields.Integer(string="Calls", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT r.id,
                   r.date,
                   to_char(r.date, 'DD') AS day,
                   r.source_id,
                   r.user_id,
                   r.team_id,
                   r.event_id,
                   r.commercial_partner_id,
                   r.activity_type_id,
                   r.company_id,
                   1 AS call_count
              FROM event_lead_contact_result r
              JOIN mail_activity_type t ON t.id = r.activity_type_id
             WHERE r.direction = 'incoming'
               AND t.category = 'phonecall'
            """
        )
