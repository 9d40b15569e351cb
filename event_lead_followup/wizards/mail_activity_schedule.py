from odoo import models


class MailActivitySchedule(models.TransientModel):
    _inherit = "mail.activity.schedule"

    def action_schedule_activities_done(self):
        """ "Done" right when scheduling: a contact that needs a result asks for it."""
        if not self.activity_type_id.event_lead_result_required:
            return super().action_schedule_activities_done()
        activities = self._action_schedule_activities()
        needing = activities.filtered("event_lead_result_required")
        (activities - needing).action_done()
        if len(needing) == 1:
            return needing.action_event_lead_record_result()
        # several records at once: the contacts stay planned, each one gets its result later
        return False
