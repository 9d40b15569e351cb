from odoo import fields, models
from odoo.tools import SQL


class EventLeadDossierLatest(models.Model):
    """The latest dossier entry of each competitor: what a manager reads first."""

    _name = "event.lead.dossier.latest"
    _description = "Latest news per competitor"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "subject"
    _depends = {
        "event.lead.dossier.entry": [
            "commercial_partner_id",
            "partner_id",
            "date",
            "subject",
            "topic",
            "user_id",
            "is_competitor",
            "company_id",
        ],
    }

    entry_id = fields.Many2one("event.lead.dossier.entry", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Competitor", readonly=True)
    partner_id = fields.Many2one("res.partner", string="About", readonly=True)
    date = fields.Date(readonly=True)
    subject = fields.Char(readonly=True)
    topic = fields.Selection(
        lambda self: self.env["event.lead.dossier.entry"]._fields["topic"].selection, readonly=True
    )
    user_id = fields.Many2one("res.users", string="Author", readonly=True)
    entry_count = fields.Integer(string="Entries", readonly=True, aggregator="sum")
    is_competitor = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT DISTINCT ON (e.commercial_partner_id)
                   e.id AS id, e.id AS entry_id, e.commercial_partner_id, e.partner_id, e.date,
                   e.subject, e.topic, e.user_id, e.is_competitor, e.company_id,
                   count(*) OVER (PARTITION BY e.commercial_partner_id) AS entry_count
              FROM event_lead_dossier_entry e
             WHERE e.is_competitor
          ORDER BY e.commercial_partner_id, e.date DESC, e.id DESC
            """
        )

    def action_open_entry(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "event.lead.dossier.entry",
            "res_id": self.entry_id.id,
            "view_mode": "form",
        }
