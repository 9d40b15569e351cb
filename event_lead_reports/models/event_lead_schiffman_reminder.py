from odoo import api, fields, models
from odoo.tools import SQL, format_date

from odoo.addons.event_lead_followup.tools import jobs, locks, readers


class EventLeadSchiffmanReminder(models.Model):
    """One reminder sent to the owner of a quiet prospect (Schiffman board).

    A prospect who showed interest and then had no contact for longer than
    the company's period gets its owner one call activity. This record is the
    watermark: at most one reminder per client and quiet spell (the date of
    the last touch), enforced by a unique index, so a second run or a second
    worker never reminds twice. A new contact starts a new spell.
    """

    _name = "event.lead.schiffman.reminder"
    _description = "Reminder of a quiet prospect"
    _order = "id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Owner reminded", ondelete="set null")
    last_touch_date = fields.Date(string="Quiet since", required=True)
    days_quiet = fields.Integer(string="Days quiet")
    activity_id = fields.Many2one("mail.activity", string="Reminder", ondelete="set null", index="btree_not_null")

    _partner_spell_unique = models.UniqueIndex(
        "(partner_id, last_touch_date)", "A quiet prospect is reminded once per quiet spell."
    )

    @api.model
    def _quiet_prospects(self, limit=None):
        """(client id, owner id, last touch, days quiet) of the quiet prospects
        to remind: an active owner, no open planned contact on the client, its
        contacts or its deals, and no reminder for this quiet spell yet."""
        self.env.flush_all()
        # sudo: the job reads the whole board to remind owners
        report = self.env["event.lead.schiffman.report"].sudo()
        # the board's query without JIT compilation, as the board itself reads it
        rows = report._without_jit(
            self.env.execute_query,
            SQL(
                """
                SELECT s.partner_id, s.user_id, s.date, s.days_quiet
                  FROM (%(report)s) s
                  JOIN res_users u ON u.id = s.user_id AND u.active
                 WHERE s.is_quiet
                   AND NOT EXISTS (SELECT 1 FROM event_lead_schiffman_reminder m
                                    WHERE m.partner_id = s.partner_id AND m.last_touch_date = s.date)
                   AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                     JOIN res_partner cp ON cp.id = a.res_id
                                    WHERE a.active AND a.res_model = 'res.partner'
                                      AND cp.commercial_partner_id = s.partner_id)
                   AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                     JOIN crm_lead l ON l.id = a.res_id
                                    WHERE a.active AND a.res_model = 'crm.lead'
                                      AND l.event_lead_client_id = s.partner_id)
              ORDER BY s.partner_id
                 %(limit)s
                """,
                report=report._table_query,
                limit=SQL("LIMIT %s", limit) if limit else SQL(""),
            ),
        )
        return [tuple(row) for row in rows]

    @api.model
    def _cron_remind_quiet_prospects(self):
        """Daily: remind the owners of quiet prospects, in committed batches.

        Restartable: a reminded client leaves the candidates (its reminder row
        and its open activity), so a run that stops half-way resumes where it
        stopped and a second run creates nothing. The loop is
        ``tools/jobs.run`` of event_lead_followup.
        """
        size = jobs.batch_size(self.env)
        candidates = self._quiet_prospects()

        def remind_next():
            batch = candidates[:size]
            self._remind(batch)
            del candidates[:size]  # after the batch: one run again on fresh data reminds them
            return len(batch)

        jobs.run(self.env, remind_next, candidates.__len__)

    @api.model
    def _remind(self, rows):
        """Create the reminder activities of ``rows`` (as returned by
        ``_quiet_prospects``) in one batch; clients locked by
        another worker are left for the next run."""
        clients = locks.try_lock(self.env["res.partner"].browse([row[0] for row in rows]), allow_referencing=True)
        locked = set(clients.ids)
        rows = [row for row in rows if row[0] in locked]
        if not rows:
            return self.browse()
        clients = {client.id: client for client in clients}
        owners = {user.id: user for user in self.env["res.users"].browse({row[1] for row in rows})}
        activity_type = self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        partner_model_id = self.env["ir.model"]._get_id("res.partner")
        activity_vals = []
        for partner_id, user_id, last_touch, days in rows:
            # written for the owner, in the owner's language
            env = readers.reader_env(self.env, owners[user_id])
            activity_vals.append(
                {
                    "res_model_id": partner_model_id,
                    "res_id": partner_id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": user_id,
                    "date_deadline": today,
                    "automated": True,
                    "summary": env._("Remind the client of our offer"),
                    "note": env._(
                        "%(client)s showed interest but has been quiet since %(date)s (%(days)s days): "
                        "time to remind them of our offer.",
                        client=clients[partner_id].display_name,
                        date=format_date(env, last_touch),
                        days=days,
                    ),
                }
            )
        activities = self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)
        return self.create(
            [
                {
                    "partner_id": partner_id,
                    "user_id": user_id,
                    "last_touch_date": last_touch,
                    "days_quiet": days,
                    "activity_id": activity.id,
                }
                for (partner_id, user_id, last_touch, days), activity in zip(rows, activities, strict=True)
            ]
        )
