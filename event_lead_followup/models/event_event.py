import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools import actions, jobs, locks
from .event_registration import INTERESTED_STAGES, QUALIFIED_STAGES

# events ended longer ago than this are not planned by the cron (a database
# with years of past events gets no follow-ups for them; the button still works)
FOLLOWUP_CATCH_UP_DAYS = 30
# registrations planned per batch (and per commit in the cron), unless the
# jobs' batch size is set (tools/jobs.py)
FOLLOWUP_BATCH_SIZE = 1000
# an organiser's button plans this many registrations at once, more go to the cron
FOLLOWUP_SYNC_LIMIT = 2000


class EventEvent(models.Model):
    _inherit = "event.event"

    event_lead_operator_ids = fields.Many2many(
        "res.users",
        "event_lead_event_operator_rel",
        "event_id",
        "user_id",
        string="Telemarketing operators",
        domain=lambda self: [
            ("share", "=", False),
            ("all_group_ids", "in", self.env.ref("event_lead_followup.group_event_lead_operator").ids),
        ],
        help="Who calls the participants after the event when their client has no owner. "
        "Several operators share the calls: each new one goes to the operator with the fewest open follow-ups.",
    )
    event_lead_followup_days = fields.Integer(
        string="Follow-up within",
        default=3,
        help="Working days after the end of the event (company working calendar and public holidays) "
        "by which the follow-ups are due.",
    )
    event_lead_no_interest_mode = fields.Selection(
        [("note", "Just a note"), ("activity", "A low-priority task")],
        string="Questionnaire without interest",
        default="note",
        required=True,
        help="What a participant whose questionnaire shows no interest gets: a note in their history "
        "(no push), or a task to refine the information.",
    )
    event_lead_ended = fields.Boolean(
        string="Follow-up started",
        readonly=True,
        copy=False,
        help="The event is over and its follow-up has started: participants who did not come count as no-shows.",
    )
    event_lead_followup_state = fields.Selection(
        [("waiting", "Waiting for the end"), ("running", "Planning"), ("done", "Planned")],
        string="Follow-up",
        default="waiting",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    event_lead_followup_date = fields.Datetime(string="Follow-ups planned on", readonly=True, copy=False)

    # funnel ------------------------------------------------------------------
    event_lead_invited_count = fields.Integer(string="Invited", compute="_compute_event_lead_funnel")
    event_lead_invited_registered_count = fields.Integer(
        string="Registered after invitation", compute="_compute_event_lead_funnel"
    )
    event_lead_uninvited_count = fields.Integer(
        string="Registered without invitation", compute="_compute_event_lead_funnel"
    )
    event_lead_invitation_exit_count = fields.Integer(
        string="Invitations declined",
        compute="_compute_event_lead_funnel",
        help="Wrong contacts, no interest and declined invitations.",
    )
    event_lead_registered_count = fields.Integer(string="Registered", compute="_compute_event_lead_funnel")
    event_lead_attended_count = fields.Integer(string="Attended", compute="_compute_event_lead_funnel")
    event_lead_questionnaire_count = fields.Integer(string="Questionnaires", compute="_compute_event_lead_funnel")
    event_lead_interested_count = fields.Integer(string="Interested", compute="_compute_event_lead_funnel")
    event_lead_qualified_count = fields.Integer(string="Qualified", compute="_compute_event_lead_funnel")
    event_lead_handed_over_count = fields.Integer(string="Handed over", compute="_compute_event_lead_funnel")
    event_lead_no_show_count = fields.Integer(string="Did not come", compute="_compute_event_lead_funnel")
    event_lead_no_interest_count = fields.Integer(string="No interest", compute="_compute_event_lead_funnel")
    event_lead_wrong_contact_count = fields.Integer(string="Wrong contacts", compute="_compute_event_lead_funnel")
    event_lead_refused_count = fields.Integer(string="Refused", compute="_compute_event_lead_funnel")
    event_lead_registration_rate = fields.Float(
        string="Registered / invited", compute="_compute_event_lead_funnel", digits=(16, 1)
    )
    event_lead_attendance_rate = fields.Float(
        string="Attended / registered", compute="_compute_event_lead_funnel", digits=(16, 1)
    )
    event_lead_questionnaire_rate = fields.Float(
        string="Questionnaires / attended", compute="_compute_event_lead_funnel", digits=(16, 1)
    )
    event_lead_interest_rate = fields.Float(
        string="Interested / registered", compute="_compute_event_lead_funnel", digits=(16, 1)
    )
    event_lead_qualification_rate = fields.Float(
        string="Qualified / interested", compute="_compute_event_lead_funnel", digits=(16, 1)
    )
    event_lead_handover_rate = fields.Float(
        string="Handed over / qualified", compute="_compute_event_lead_funnel", digits=(16, 1)
    )
    event_lead_followup_open_count = fields.Integer(
        string="Open follow-ups", compute="_compute_event_lead_followup_counts"
    )
    event_lead_followup_overdue_count = fields.Integer(
        string="Overdue follow-ups", compute="_compute_event_lead_followup_counts"
    )

    _event_lead_followup_days_positive = models.Constraint(
        "CHECK (event_lead_followup_days >= 0)",
        "The number of working days for the follow-up cannot be negative.",
    )

    # ------------------------------------------------------------------------
    # funnel
    # ------------------------------------------------------------------------

    def _compute_event_lead_funnel(self):
        """Counts and conversions of every funnel stage: one grouped read of
        the registrations and one of the invitations, for all the events."""
        stats = defaultdict(lambda: defaultdict(int))
        Registration = self.env["event.registration"]
        for event, state, stage, questionnaire, uninvited, count in Registration._read_group(
            [("event_id", "in", self.ids)],
            ["event_id", "state", "event_lead_funnel_stage", "event_lead_questionnaire_done", "event_lead_uninvited"],
            ["__count"],
        ):
            data = stats[event.id]
            if state != "cancel":
                data["registered"] += count
                data["uninvited"] += count if uninvited else 0
                data["questionnaire"] += count if questionnaire else 0
            data["attended"] += count if state == "done" else 0
            data["interested"] += count if stage in INTERESTED_STAGES else 0
            data["qualified"] += count if stage in QUALIFIED_STAGES else 0
            data[f"stage_{stage}"] += count
        for event, result, count in self.env["event.lead.invitation"]._read_group(
            [("event_id", "in", self.ids)], ["event_id", "result"], ["__count"]
        ):
            data = stats[event.id]
            data["invited"] += count
            if result == "registered":
                data["invited_registered"] += count
            elif result in ("wrong_contact", "no_interest", "declined"):
                data["invitation_exit"] += count

        def rate(part, whole):
            return 100.0 * part / whole if whole else 0.0

        for event in self:
            data = stats[event._origin.id]
            event.event_lead_invited_count = data["invited"]
            event.event_lead_invited_registered_count = data["invited_registered"]
            event.event_lead_uninvited_count = data["uninvited"]
            event.event_lead_invitation_exit_count = data["invitation_exit"]
            event.event_lead_registered_count = data["registered"]
            event.event_lead_attended_count = data["attended"]
            event.event_lead_questionnaire_count = data["questionnaire"]
            event.event_lead_interested_count = data["interested"]
            event.event_lead_qualified_count = data["qualified"]
            event.event_lead_handed_over_count = data["stage_handed_over"]
            event.event_lead_no_show_count = data["stage_no_show"]
            event.event_lead_no_interest_count = data["stage_no_interest"]
            event.event_lead_wrong_contact_count = data["stage_wrong_contact"]
            event.event_lead_refused_count = data["stage_refused"]
            event.event_lead_registration_rate = rate(data["invited_registered"], data["invited"])
            event.event_lead_attendance_rate = rate(data["attended"], data["registered"])
            event.event_lead_questionnaire_rate = rate(data["questionnaire"], data["attended"])
            event.event_lead_interest_rate = rate(data["interested"], data["registered"])
            event.event_lead_qualification_rate = rate(data["qualified"], data["interested"])
            event.event_lead_handover_rate = rate(data["stage_handed_over"], data["qualified"])

    def _compute_event_lead_followup_counts(self):
        today = fields.Date.context_today(self)
        counts = defaultdict(lambda: [0, 0])
        for event, day, count in self.env["mail.activity"]._read_group(
            [("event_lead_event_id", "in", self.ids), ("event_lead_followup_kind", "!=", False)],
            ["event_lead_event_id", "date_deadline:day"],
            ["__count"],
        ):
            counts[event.id][0] += count
            if day and day < today:
                counts[event.id][1] += count
        for event in self:
            event.event_lead_followup_open_count, event.event_lead_followup_overdue_count = counts[event._origin.id]

    def _event_lead_funnel_domain(self, stage):
        """The registrations (or invitations) at ``stage`` of the funnel, as the counts count them."""
        if stage == "invited":
            return Domain("event_id", "in", self.ids)
        base = Domain("event_id", "in", self.ids)
        domains = {
            "registered": Domain("state", "!=", "cancel"),
            "uninvited": Domain("state", "!=", "cancel") & Domain("event_lead_uninvited", "=", True),
            "attended": Domain("state", "=", "done"),
            "questionnaire": Domain("state", "!=", "cancel") & Domain("event_lead_questionnaire_done", "=", True),
            "interested": Domain("event_lead_funnel_stage", "in", INTERESTED_STAGES),
            "qualified": Domain("event_lead_funnel_stage", "in", QUALIFIED_STAGES),
        }
        return base & domains.get(stage, Domain("event_lead_funnel_stage", "=", stage))

    def action_event_lead_open_funnel(self):
        """The people at one stage of the funnel (the stage is in the context)."""
        self.ensure_one()
        stage = self.env.context.get("event_lead_funnel_stage", "registered")
        labels = dict(
            self.env["event.registration"]._fields["event_lead_funnel_stage"]._description_selection(self.env)
        )
        if stage in ("invited", "invitation_exit"):
            action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_invitation_action")
            domain = Domain("event_id", "=", self.id)
            if stage == "invitation_exit":
                domain &= Domain("result", "in", ("wrong_contact", "no_interest", "declined"))
            action["domain"] = list(domain)
            action["context"] = {"default_event_id": self.id}
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_registration_action_funnel")
        action["domain"] = list(self._event_lead_funnel_domain(stage))
        action["context"] = {"default_event_id": self.id, "active_test": True}
        action["display_name"] = action["name"] = self.env._(
            "%(event)s: %(stage)s",
            event=self.name,
            stage=labels.get(stage) or self._fields[f"event_lead_{stage}_count"]._description_string(self.env),
        )
        return action

    def action_event_lead_open_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "event_lead_followup.mail_activity_action_event_followups"
        )
        action["domain"] = [("event_lead_event_id", "=", self.id), ("event_lead_followup_kind", "!=", False)]
        action["context"] = {"search_default_filter_event_lead_open": 1}
        return action

    def action_event_lead_invite(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invite"),
            "res_model": "event.lead.invitation.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_event_lead_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import participants"),
            "res_model": "event.lead.registration.import",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    # ------------------------------------------------------------------------
    # follow-up
    # ------------------------------------------------------------------------

    def _event_lead_followup_deadline(self, extra_days=0):
        """The due date of the follow-ups: so many working days after the end
        of the event (its follow-up period plus ``extra_days``, a follow-up
        kind's own), by the company's working calendar (public holidays
        included), counted from the day after the end."""
        self.ensure_one()
        company = self.company_id or self.env.company
        tz = pytz.timezone(self.date_tz or "UTC")
        end_day = pytz.utc.localize(self.date_end).astimezone(tz).date()
        days = self.event_lead_followup_days + extra_days
        if days <= 0:
            return end_day
        calendar = company.resource_calendar_id
        if calendar:
            cal_tz = pytz.timezone(calendar.tz or "UTC")
            start = cal_tz.localize(datetime.datetime.combine(end_day + datetime.timedelta(days=1), datetime.time.min))
            planned = calendar.plan_days(days, start, compute_leaves=True)
            if planned:
                return planned.astimezone(cal_tz).date()
        day, left = end_day, days
        while left:
            day += datetime.timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day

    def _event_lead_operator_loads(self):
        """{user: number of open follow-ups} of the operators of these events: one grouped read."""
        operators = self.event_lead_operator_ids
        loads = dict.fromkeys(operators, 0)
        if operators:
            for user, count in (
                self.env["mail.activity"]
                # sudo: count every operator's open follow-ups, to share the calls out
                .sudo()
                ._read_group(
                    [("user_id", "in", operators.ids), ("event_lead_followup_kind", "!=", False)],
                    ["user_id"],
                    ["__count"],
                )
            ):
                loads[user] = count
        return loads

    def _event_lead_next_operator(self, loads):
        """The operator of this event with the fewest open follow-ups (counted in ``loads``,
        which this updates); the event's responsible when it has no operators, else
        the person who created the event: a call is never planned for nobody."""
        self.ensure_one()
        operators = self.event_lead_operator_ids
        if not operators:
            fallback = (self.user_id or self.create_uid).filtered(lambda user: user.active and not user.share)
            return fallback - self.env.ref("base.user_root")
        user = min(operators, key=lambda operator: (loads.get(operator, 0), operator.id))
        loads[user] = loads.get(user, 0) + 1
        return user

    def _event_lead_pending_domain(self):
        return Domain(
            [
                ("event_id", "in", self.ids),
                ("event_lead_followup_kind", "=", False),
            ]
        )

    def _event_lead_lock(self):
        """The events of ``self`` this transaction may plan: their row is
        locked until commit (``FOR NO KEY UPDATE SKIP LOCKED``: new
        registrations may still reference them). One process plans an event
        at a time, and always locks the event before its registrations: the
        job, a second job on another server and the organiser's button never
        wait on each other's rows. The others are being planned by another
        process right now."""
        return locks.try_lock(self, allow_referencing=True)

    def _event_lead_mark_ended(self):
        """Mark these events ended: their participants who did not come are
        no-shows from now on. The end of an event changes one funnel stage
        only, "registered" (nothing else is known of the participant) to
        "no_show" (``event.registration._event_lead_stage``): it is set by one
        UPDATE of those participants, instead of the stage of every
        participant recomputed in memory, which for an event of 100,000
        would hold them all at once. Called on events this transaction has
        locked (``_event_lead_lock``)."""
        events = self.filtered(lambda event: not event.event_lead_ended)
        if not events:
            return
        # sudo: every participant of the events changes stage
        Registration = self.env["event.registration"].sudo()
        stage = Registration._fields["event_lead_funnel_stage"]
        Registration.flush_model()
        participants = Registration.with_context(active_test=False).search([("event_id", "in", events.ids)])
        with self.env.protecting([stage], participants):
            events.write({"event_lead_ended": True})
        self.env.execute_query(
            SQL(
                """UPDATE event_registration SET event_lead_funnel_stage = 'no_show'
                    WHERE event_id IN %s AND event_lead_funnel_stage = 'registered'""",
                tuple(events.ids),
            )
        )
        Registration.invalidate_model(["event_lead_funnel_stage"])

    def _event_lead_plan_batch(self, limit=None):
        """Plan the follow-ups of up to ``limit`` (the jobs' batch size,
        ``tools/jobs.batch_size``) registrations of these ended events not yet
        planned, for the events this transaction could lock
        (``_event_lead_lock``): the event row is written, and the funnel
        stages of its registrations recomputed, only under its lock. The
        registrations are locked too (``SKIP LOCKED``: one being edited
        right now waits for the next batch); planned registrations leave the
        domain, so the next batch goes on. Returns how many were planned."""
        events = self._event_lead_lock()
        if not events:
            return 0
        events.filtered(lambda event: not event.event_lead_ended).write({"event_lead_followup_state": "running"})
        events._event_lead_mark_ended()
        # sudo: planning runs over every participant of the event (the organiser's button checks write access)
        Registration = self.env["event.registration"].sudo()
        limit = limit or jobs.batch_size(self.env, FOLLOWUP_BATCH_SIZE)
        registrations = Registration.search(events._event_lead_pending_domain(), limit=limit, order="id")
        registrations = locks.try_lock(registrations)
        if not registrations:
            return 0
        self.env["event.lead.followup.kind"]._plan(registrations)
        return len(registrations)

    def _event_lead_finish_planning(self):
        """Mark the events whose every registration is planned (those this
        transaction holds: ``_event_lead_lock``)."""
        events = self._event_lead_lock()
        pending = {
            event.id
            for [event] in self.env["event.registration"]
            # sudo: which events still have participants to plan
            .sudo()
            ._read_group(events._event_lead_pending_domain(), ["event_id"])
        }
        events.filtered(lambda event: event.id not in pending).write(
            {"event_lead_followup_state": "done", "event_lead_followup_date": fields.Datetime.now()}
        )

    def _event_lead_pending_count(self):
        """How many registrations of these events are not planned yet."""
        # sudo: count every pending participant of the events
        return self.env["event.registration"].sudo().search_count(self._event_lead_pending_domain())

    @api.model
    def _event_lead_due_domain(self):
        """Ended events (recently, or whose planning was asked for) with participants not planned yet."""
        now = fields.Datetime.now()
        return (
            Domain("date_end", "<=", now)
            & (
                Domain("date_end", ">=", now - datetime.timedelta(days=FOLLOWUP_CATCH_UP_DAYS))
                | Domain("event_lead_followup_state", "=", "running")
            )
            & Domain("registration_ids.event_lead_followup_kind", "=", False)
        )

    @api.model
    def _cron_event_lead_plan_followups(self):
        """Hourly: plan the follow-ups of the events that ended.

        Thin: batches of ``_event_lead_plan_batch``, event by event, run by
        ``tools/jobs.run``. A run that stops half-way (timeout, crash) resumes with the
        registrations not planned yet; a second run plans nothing twice. An
        event another process is planning right now (the organiser's button,
        this job on another server) is left to it; a batch that meets rows
        that process changed since its snapshot runs again on fresh data."""
        for event in self.search(self._event_lead_due_domain(), order="date_end, id"):
            # an event another process holds: its batch plans nothing (None), so the
            # loop goes on with the next event; what is left of it is that process's work
            if not jobs.run(self.env, event._event_lead_plan_next, event._event_lead_pending_count):
                return

    def _event_lead_plan_next(self):
        """One batch of the job, the event marked planned in the same
        transaction as its last batch: ``None`` when another process holds
        the event."""
        if not self._event_lead_lock():
            return None
        done = self._event_lead_plan_batch()
        self._event_lead_finish_planning()
        return done

    def _event_lead_check_user_works_on(self):
        """Telemarketing operators import participants into, invite to and
        call for the events they work on (as the registration rules let them
        see): the events they are operators of, those they run, and those
        with no operators of their own. Sales advisors and event officers
        work on every event."""
        user = self.env.user
        if self.env.su or user.has_group("event_lead_followup.group_event_lead_advisor"):
            return
        if user.has_group("event.group_event_user"):
            return
        # sudo: read the operators and organiser of the events
        for event in self.sudo():
            if event.event_lead_operator_ids and user not in event.event_lead_operator_ids and event.user_id != user:
                raise AccessError(
                    self.env._(
                        "You do not work on «%(event)s»: its operators and its organiser import, invite and "
                        "call for it.",
                        event=event.name,
                    )
                )

    def action_event_lead_plan_followups(self):
        """The organiser's button: plan the follow-ups of these ended events
        now (a large event is handed to the scheduled job). An event the job
        is planning right now is left to it, and the notification says so:
        it tells how many this click planned, and what is left to the job."""
        self.check_access("write")
        now = fields.Datetime.now()
        if any(event.date_end > now for event in self):
            raise UserError(self.env._("Follow-ups are planned once the event is over."))
        # sudo: the organiser (write access checked above) plans the whole event
        events = self.sudo()._event_lead_lock()
        busy = self - events
        pending = events._event_lead_pending_count()
        messages = []
        if pending > FOLLOWUP_SYNC_LIMIT:
            # "running" is what the scheduled job picks up, however long ago the event ended
            events.filtered(lambda event: event.event_lead_followup_state != "running").write(
                {"event_lead_followup_state": "running"}
            )
            events._event_lead_mark_ended()
            self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups")._trigger()
            messages.append(
                self.env._(
                    "%(count)s participants to follow up: the follow-ups are being planned in the background.",
                    count=pending,
                )
            )
        elif events:
            planned = 0
            while done := events._event_lead_plan_batch():
                planned += done
            events._event_lead_finish_planning()
            messages.append(self.env._("Follow-ups planned for %(count)s participants.", count=planned))
            left = events._event_lead_pending_count()
            if left:
                # participants being edited right now: the job plans them once they are free
                self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups")._trigger()
                messages.append(
                    self.env._(
                        "%(count)s participants being edited right now will be planned by the scheduled job.",
                        count=left,
                    )
                )
        if busy:
            # another process holds the event (the job, a colleague's click): the job finishes what it leaves
            self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups")._trigger()
            messages.append(
                self.env._(
                    "The follow-ups of %(events)s are being planned right now by another process (the scheduled "
                    "job or a colleague): they appear within minutes.",
                    events=", ".join(f"«{name}»" for name in busy.mapped("name")),
                )
            )
        message = " ".join(messages)
        return actions.notification(message, "info", actions.RELOAD)
