from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import waivers

FOLLOWUP_KINDS = [
    ("no_show", "Did not come: call"),
    ("no_questionnaire", "Came without questionnaire: call"),
    ("no_interest", "Questionnaire without interest"),
    ("interested", "Interested: pre-qualify and hand over"),
    ("owner_notice", "Client of a salesperson: owner told"),
    ("none", "No follow-up needed"),
]
# follow-ups that an operator (or an owner who is not a salesperson) calls
CALL_KINDS = ("no_show", "no_questionnaire", "interested")


class EventLeadFollowupKind(models.Model):
    """What the follow-up of one kind of participant gives its user: the
    activity type, its purpose, what to do, and its deadline.

    The planner is here (``_plan``, run by the event's job and
    button); which kind a participant needs is read from the participant's
    facts (``event.registration._event_lead_followup_kind``: no-show,
    attended without questionnaire, interested, client of a salesperson...);
    what the follow-up says and when it is due are these records, edited by a
    manager like ``event_crm``'s lead rules. One record per kind, shipped with
    the addon and never created or deleted by users."""

    _name = "event.lead.followup.kind"
    _description = "Follow-up kind"
    _order = "sequence, id"
    _rec_name = "code"

    code = fields.Selection(
        [kind for kind in FOLLOWUP_KINDS if kind[0] != "none"],
        string="Kind",
        required=True,
        readonly=True,
        help="The participants this follow-up is planned for.",
    )
    sequence = fields.Integer(default=10)
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity type",
        required=True,
        ondelete="restrict",
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'res.partner')]",
        help="The activity planned on the participant's contact. A call is closed with a contact result.",
    )
    summary = fields.Char(string="Purpose", required=True, translate=True)
    instructions = fields.Text(
        string="What to do",
        required=True,
        translate=True,
        help="The first paragraph of the activity's note; the event, the attendance and the "
        "questionnaire answers follow it.",
    )
    deadline_days = fields.Integer(
        string="Extra working days",
        default=0,
        help="Working days added to the event's follow-up period for this kind. 0: due when the "
        "event's follow-up period ends.",
    )

    _code_unique = models.Constraint("UNIQUE(code)", "There is one record per follow-up kind.")
    _deadline_days_positive = models.Constraint(
        "CHECK(deadline_days >= 0)", "The extra working days cannot be negative."
    )

    @api.model
    def _code_labels(self):
        """{code: label} of the kinds, in the context language."""
        return dict(self._fields["code"]._description_selection(self.env))

    @api.depends("code")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = self._code_labels()
        for kind in self:
            kind.display_name = labels.get(kind.code, "")

    @api.model
    def _by_code(self):
        """{code: kind record} in the context language, for the planner."""
        # sudo: the planner reads the kinds' settings for whoever runs it (a job, an organiser)
        kinds = {kind.code: kind for kind in self.sudo().search([])}
        missing = [code for code, _label in FOLLOWUP_KINDS if code != "none" and code not in kinds]
        if missing:
            labels = self._code_labels()
            raise UserError(
                self.env._(
                    "The follow-up kind “%(kind)s” is missing; reinstall or update the Event leads addon.",
                    kind=labels[missing[0]],
                )
            )
        return kinds

    @api.model
    def _load_translations(self):
        """Load the kinds' texts in the installed languages now. Odoo loads a
        module's translations after its data and demo data, so the follow-ups
        its demo data plans would read English in a Russian database."""
        self.env["ir.module.module"].search([("name", "=", "event_lead_followup")])._update_translations()
        self.invalidate_model(["summary", "instructions"])

    @api.model
    def _plan(self, registrations):
        """Plan the follow-up of each of these registrations (of ended events):
        one activity on the participant per category of the follow-up scheme,
        a note only for a questionnaire without interest when the event says
        so, the client's salesperson told instead of any cold call. A
        participant registered without a contact gets one first (through the
        duplicate guard: ``_event_lead_ensure_partners``), since the activity
        is planned on the contact.

        Batched like event_crm's rules: the registrations already planned
        are skipped, everything is read in a few queries, the activities are
        made by one ``create`` and the registrations marked by one write per
        (kind, user). Returns the registrations planned."""
        registrations = registrations.filtered(lambda registration: not registration.event_lead_followup_kind).sorted(
            lambda registration: (-registration.event_lead_priority, registration.id)
        )
        if not registrations:
            return registrations
        registrations._event_lead_ensure_partners()
        events = registrations.event_id
        sales_users = registrations._event_lead_sales_users(registrations.event_lead_client_id)
        loads = events._event_lead_operator_loads()
        pool = registrations._event_lead_pool_users()
        kinds = {}
        assignees = {}
        for registration in registrations:
            kind = registration._event_lead_followup_kind(sales_users)
            kinds[registration] = kind
            if kind == "owner_notice":
                client = registration.event_lead_client_id
                users = sales_users[client.id]
                assignees[registration] = client.user_id if client.user_id in users else users.sorted("id")[:1]
            elif kind in CALL_KINDS or (
                kind == "no_interest" and registration.event_id.event_lead_no_interest_mode == "activity"
            ):
                owner = registration.event_lead_client_id.user_id
                if owner and owner not in pool:
                    assignees[registration] = owner
                else:
                    assignees[registration] = registration.event_id._event_lead_next_operator(loads)
        activity_vals = []
        noted = self.env["event.registration"]
        model_id = self.env["ir.model"]._get_id("res.partner")
        settings = {}  # the kinds' records, per reader's language
        deadlines = {}  # (event, extra working days): due date
        for registration in registrations:
            kind, user = kinds[registration], assignees.get(registration)
            if kind == "none":
                continue
            if not user:
                if kind == "no_interest":
                    noted |= registration
                continue
            lang = user.lang or self.env.lang
            if lang not in settings:
                settings[lang] = self.with_context(lang=lang)._by_code()
            setting = settings[lang][kind]
            due = (registration.event_id, setting.deadline_days)
            if due not in deadlines:
                deadlines[due] = registration.event_id._event_lead_followup_deadline(setting.deadline_days)
            activity_vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": registration.partner_id.id,
                    "activity_type_id": setting.activity_type_id.id,
                    "summary": setting.summary,
                    "note": registration.with_context(lang=lang)._event_lead_followup_note(setting.instructions),
                    "user_id": user.id,
                    "date_deadline": deadlines[due],
                    "event_lead_event_id": registration.event_id.id,
                    "event_lead_contact_id": registration.partner_id.id,
                    "event_lead_registration_id": registration.id,
                    "event_lead_followup_kind": kind,
                }
            )
        if activity_vals:
            # the planner gave the calls of salespeople's clients to them
            with waivers.waive(waivers.COORDINATION):
                # sudo: the planner gives the follow-ups to their users, with values built here
                self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activity_vals)
        if noted:
            noted._event_lead_log_no_interest()
        now = fields.Datetime.now()
        groups = defaultdict(lambda: self.env["event.registration"])
        for registration in registrations:
            user = assignees.get(registration)
            groups[kinds[registration], user.id if user else False] |= registration
        for (kind, user_id), group in groups.items():
            # sudo: mark the participants planned (the follow-up kind and its user)
            group.sudo().with_context(event_lead_rule_skip=True).write(
                {
                    "event_lead_followup_kind": kind,
                    "event_lead_followup_user_id": user_id,
                    "event_lead_followup_date": now,
                }
            )
        return registrations
