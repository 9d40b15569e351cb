from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .event_lead_followup_kind import FOLLOWUP_KINDS
from .event_question_answer import ANSWER_MEANINGS

FUNNEL_STAGES = [
    ("registered", "Registered"),
    ("attended", "Attended"),
    ("questionnaire", "Questionnaire done"),
    ("interested", "Interested"),
    ("qualified", "Qualified"),
    ("handed_over", "Handed over to sales"),
    ("no_show", "Did not come"),
    ("no_interest", "No interest"),
    ("wrong_contact", "Wrong contact"),
    ("refused", "Refused"),
]
# stages counted as "interested" or further in the funnel
INTERESTED_STAGES = ("interested", "qualified", "handed_over")
QUALIFIED_STAGES = ("qualified", "handed_over")

OUTCOMES = [
    ("interested", "Interested"),
    ("qualified", "Qualified: ready for sales"),
    ("no_interest", "No interest"),
    ("wrong_contact", "Wrong contact"),
    ("refused", "Refused"),
]
OUTCOME_EXITS = ("wrong_contact", "refused")

POSITIONS = [(key, label) for key, label in ANSWER_MEANINGS if key in ("it_head", "business_head", "other")]


class EventRegistration(models.Model):
    _inherit = "event.registration"

    # the client and its segments -----------------------------------------
    event_lead_client_id = fields.Many2one(
        "res.partner",
        string="Client",
        related="partner_id.commercial_partner_id",
        store=True,
        index="btree_not_null",
        help="The company (or individual) of the participant: the client whose owner is in charge.",
    )
    event_lead_owner_id = fields.Many2one(related="event_lead_client_id.user_id", string="Client owner")
    event_lead_industry_id = fields.Many2one(
        related="event_lead_client_id.industry_id", string="Industry", store=True, index="btree_not_null"
    )
    event_lead_state_id = fields.Many2one(
        related="event_lead_client_id.state_id", string="Region", store=True, index="btree_not_null"
    )
    event_lead_country_id = fields.Many2one(related="event_lead_client_id.country_id", string="Country", store=True)
    event_lead_company_size = fields.Selection(
        related="event_lead_client_id.event_lead_company_size", string="Company size", store=True
    )

    # invitation ------------------------------------------------------------
    event_lead_invitation_ids = fields.One2many("event.lead.invitation", "registration_id", string="Invitation")
    event_lead_uninvited = fields.Boolean(
        string="Registered without invitation",
        compute="_compute_event_lead_uninvited",
        store=True,
        index=True,
    )

    # questionnaire ---------------------------------------------------------
    event_lead_questionnaire_done = fields.Boolean(
        string="Questionnaire filled in",
        compute="_compute_event_lead_answers",
        store=True,
        help="The participant answered at least one question of the event questionnaire.",
    )
    event_lead_answer_interest = fields.Selection(
        [("yes", "Yes"), ("no", "No")],
        string="Interest (questionnaire)",
        compute="_compute_event_lead_answers",
        store=True,
    )
    event_lead_consent = fields.Boolean(string="Consent to continue", compute="_compute_event_lead_answers", store=True)
    event_lead_problem = fields.Boolean(string="Stated a problem", compute="_compute_event_lead_answers", store=True)
    event_lead_position = fields.Selection(
        POSITIONS, string="Position", compute="_compute_event_lead_answers", store=True
    )
    event_lead_outcome = fields.Selection(
        OUTCOMES,
        string="Outcome",
        tracking=True,
        copy=False,
        help="What the follow-up of this participant found out; set by the contact results of "
        "the follow-up or by hand.",
    )
    event_lead_priority = fields.Integer(
        string="Priority",
        compute="_compute_event_lead_priority",
        store=True,
        index=True,
        aggregator="avg",
        help="Points from the questionnaire and the follow-up: interest, consent to continue, a stated "
        "problem, the position (weights in the settings). Follow-up lists are sorted by it.",
    )

    # funnel ----------------------------------------------------------------
    event_lead_funnel_stage = fields.Selection(
        FUNNEL_STAGES,
        string="Funnel stage",
        compute="_compute_event_lead_funnel_stage",
        store=True,
        index=True,
        help="How far the participant went: registered, attended, questionnaire done, interested, "
        "qualified, handed over to sales; or where they left: did not come, no interest, wrong "
        "contact, refused.",
    )

    # follow-up ---------------------------------------------------------------
    event_lead_followup_kind = fields.Selection(
        FOLLOWUP_KINDS,
        string="Follow-up",
        readonly=True,
        copy=False,
        index=True,
        help="The follow-up planned after the event. Empty until it is planned; a planned "
        "participant is never planned twice.",
    )
    event_lead_followup_user_id = fields.Many2one(
        "res.users", string="Followed up by", readonly=True, copy=False, index="btree_not_null"
    )
    event_lead_followup_date = fields.Datetime(string="Follow-up planned on", readonly=True, copy=False)
    event_lead_followup_activity_ids = fields.One2many(
        "mail.activity",
        "event_lead_registration_id",
        string="Follow-up activities",
        context={"active_test": False},
    )
    event_lead_followup_open = fields.Boolean(
        string="Follow-up open",
        compute="_compute_event_lead_followup_open",
        store=True,
        index=True,
    )
    event_lead_followup_deadline = fields.Date(
        string="Follow-up deadline", compute="_compute_event_lead_followup_open", store=True
    )

    # handover ---------------------------------------------------------------
    event_lead_handover_lead_id = fields.Many2one(
        "crm.lead",
        string="Handed over in",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The opportunity this participant was handed over to sales in.",
    )
    event_lead_handover_date = fields.Datetime(string="Handed over on", readonly=True, copy=False)

    # ------------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------------

    @api.depends("event_lead_invitation_ids")
    def _compute_event_lead_uninvited(self):
        for registration in self:
            registration.event_lead_uninvited = not registration.event_lead_invitation_ids

    @api.depends(
        "registration_answer_ids.question_id.event_lead_role",
        "registration_answer_ids.value_answer_id.event_lead_meaning",
        "registration_answer_ids.value_text_box",
    )
    def _compute_event_lead_answers(self):
        for registration in self:
            done = consent = problem = False
            interest = position = False
            for answer in registration.registration_answer_ids:
                role = answer.question_id.event_lead_role
                if not role:
                    continue
                done = True
                meaning = answer.value_answer_id.event_lead_meaning
                if role == "interest" and meaning in ("yes", "no"):
                    # a "yes" anywhere wins over a "no"
                    interest = "yes" if "yes" in (interest, meaning) else "no"
                elif role == "consent" and meaning == "yes":
                    consent = True
                elif role == "problem" and (
                    meaning == "yes" or (answer.question_type == "text_box" and (answer.value_text_box or "").strip())
                ):
                    problem = True
                elif role == "position" and meaning in dict(POSITIONS):
                    position = meaning
            registration.event_lead_questionnaire_done = done
            registration.event_lead_answer_interest = interest
            registration.event_lead_consent = consent
            registration.event_lead_problem = problem
            registration.event_lead_position = position

    def _event_lead_is_interested(self):
        self.ensure_one()
        if self.event_lead_outcome:
            return self.event_lead_outcome in ("interested", "qualified")
        return self.event_lead_answer_interest == "yes"

    @api.depends(
        "event_lead_answer_interest",
        "event_lead_outcome",
        "event_lead_consent",
        "event_lead_problem",
        "event_lead_position",
        "company_id.event_lead_weight_interest",
        "company_id.event_lead_weight_consent",
        "company_id.event_lead_weight_problem",
        "company_id.event_lead_weight_business_head",
        "company_id.event_lead_weight_it_head",
    )
    def _compute_event_lead_priority(self):
        for registration in self:
            company = registration.company_id or self.env.company
            points = 0
            if registration._event_lead_is_interested():
                points += company.event_lead_weight_interest
            if registration.event_lead_consent:
                points += company.event_lead_weight_consent
            if registration.event_lead_problem:
                points += company.event_lead_weight_problem
            if registration.event_lead_position == "business_head":
                points += company.event_lead_weight_business_head
            elif registration.event_lead_position == "it_head":
                points += company.event_lead_weight_it_head
            registration.event_lead_priority = points

    @api.depends(
        "state",
        "event_id.event_lead_ended",
        "event_lead_questionnaire_done",
        "event_lead_answer_interest",
        "event_lead_outcome",
        "event_lead_handover_lead_id",
    )
    def _compute_event_lead_funnel_stage(self):
        for registration in self:
            registration.event_lead_funnel_stage = registration._event_lead_stage()

    def _event_lead_stage(self):
        """The furthest stage reached, or the exit taken: from the facts."""
        self.ensure_one()
        outcome = self.event_lead_outcome
        if self.event_lead_handover_lead_id:
            return "handed_over"
        if outcome in OUTCOME_EXITS:
            return outcome
        if self.state == "cancel":
            return "refused"
        if outcome == "qualified":
            return "qualified"
        if outcome == "interested":
            return "interested"
        if outcome == "no_interest":
            return "no_interest"
        if self.event_lead_answer_interest == "yes":
            return "interested"
        if self.event_lead_answer_interest == "no":
            return "no_interest"
        if self.event_lead_questionnaire_done:
            return "questionnaire"
        if self.state == "done":
            return "attended"
        if self.event_id.event_lead_ended:
            return "no_show"
        return "registered"

    @api.depends("event_lead_followup_activity_ids.active", "event_lead_followup_activity_ids.date_deadline")
    def _compute_event_lead_followup_open(self):
        for registration in self:
            open_activities = registration.event_lead_followup_activity_ids.filtered("active")
            registration.event_lead_followup_open = bool(open_activities)
            registration.event_lead_followup_deadline = min(open_activities.mapped("date_deadline"), default=False)

    # ------------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations.filtered("partner_id")._event_lead_link_invitations()
        return registrations

    def write(self, vals):
        res = super().write(vals)
        if vals.get("partner_id"):
            # sudo: whether an invitation is linked yet, whoever may read invitations
            self.filtered(
                lambda registration: not registration.sudo().event_lead_invitation_ids
            )._event_lead_link_invitations()
        return res

    def _event_lead_link_invitations(self, invitations=None):
        """Each registration answers the open invitation of its partner (or of
        the person whose invitation named it as new contact) to its event.
        One search for the batch (unless ``invitations`` is given)."""
        registrations = self.filtered("partner_id")
        if not registrations:
            return
        # sudo: the open invitations of these participants, whoever invited them
        Invitation = self.env["event.lead.invitation"].sudo()
        if invitations is None:
            invitations = Invitation.search(
                [
                    ("event_id", "in", registrations.event_id.ids),
                    ("registration_id", "=", False),
                    "|",
                    ("partner_id", "in", registrations.partner_id.ids),
                    ("new_contact_id", "in", registrations.partner_id.ids),
                ],
                order="id",
            )
        by_key = {}
        # sudo: whether each invitation is answered already
        invitations = invitations.sudo().filtered(lambda inv: not inv.registration_id)
        # the invitee's own invitation first, then the one that named them as new contact person
        for invitation in invitations:
            by_key.setdefault((invitation.event_id.id, invitation.partner_id.id), invitation)
        for invitation in invitations.filtered(lambda inv: inv.result == "new_contact" and inv.new_contact_id):
            by_key.setdefault((invitation.event_id.id, invitation.new_contact_id.id), invitation)
        linked = set()
        for registration in registrations.sorted("id"):
            invitation = by_key.get((registration.event_id.id, registration.partner_id.id))
            if invitation and invitation.id not in linked:
                linked.add(invitation.id)
                invitation.registration_id = registration

    # ------------------------------------------------------------------------
    # partners of the participants
    # ------------------------------------------------------------------------

    def _event_lead_ensure_partners(self):
        """Give every registration without a partner the contact it is (see
        ``event.lead.duplicate.guard._match_participants``): one lookup for
        the whole batch, one write per partner."""
        todo = self.filtered(
            lambda registration: not registration.partner_id and (registration.name or registration.email)
        )
        if not todo:
            return
        partners = self.env["event.lead.duplicate.guard"]._match_participants(
            [
                {
                    "name": registration.name,
                    "email": registration.email,
                    "phone": registration.phone,
                    "company_name": registration.company_name,
                }
                for registration in todo
            ]
        )
        by_partner = defaultdict(list)
        for partner, registration in zip(partners, todo, strict=True):
            by_partner[partner].append(registration.id)
        for partner, ids in by_partner.items():
            self.browse(ids).with_context(event_lead_rule_skip=True).write({"partner_id": partner.id})

    # ------------------------------------------------------------------------
    # follow-up planning
    # ------------------------------------------------------------------------

    @api.model
    def _event_lead_pool_users(self):
        """The pool owners of every company: the job plans for all companies'
        events, whatever the company of the user it runs as."""
        # sudo: the pool owners of every company
        return self.env["res.company"].sudo().search([("event_lead_pool_user_id", "!=", False)]).event_lead_pool_user_id

    @api.model
    def _event_lead_sales_users(self, clients):
        """{client id: users} for the clients a salesperson works with: the
        owner when they are a Sales advisor or manager (not the pool owner),
        and the salespersons of the client's open opportunities. Two queries
        whatever the number of clients."""
        result = defaultdict(lambda: self.env["res.users"])
        if not clients:
            return result
        # sudo: read the owners of the clients (record rules may hide them)
        clients = clients.sudo()
        pool = self._event_lead_pool_users()
        advisor_group = self.env.ref("event_lead_followup.group_event_lead_advisor")
        owners = clients.user_id - pool
        salespersons = owners.filtered(lambda user: advisor_group in user.all_group_ids)
        for client in clients:
            if client.user_id in salespersons:
                result[client.id] |= client.user_id
        for client, user in (
            self.env["crm.lead"]
            # sudo: the salespeople with an open deal on the clients, whoever may read the deals
            .sudo()
            ._read_group(
                [
                    ("event_lead_client_id", "in", clients.ids),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                    ("user_id", "!=", False),
                ],
                ["event_lead_client_id", "user_id"],
            )
        ):
            result[client.id] |= user
        return result

    def _event_lead_followup_kind(self, sales_users):
        """What follow-up this registration needs: a no-show is asked why and
        offered the materials, a participant without a questionnaire is asked
        the key questions, an interested one is pre-qualified, and a client a
        salesperson works with is the salesperson's (told, never cold-called)."""
        self.ensure_one()
        if (
            self.state == "cancel"
            or self.event_lead_handover_lead_id
            or self.event_lead_outcome in OUTCOME_EXITS
            or not self.partner_id
        ):
            return "none"
        if sales_users.get(self.event_lead_client_id.id):
            return "owner_notice"
        if self.state != "done" and not self._event_lead_is_interested():
            return "no_show"
        if self._event_lead_is_interested():
            return "interested"
        if not self.event_lead_questionnaire_done and self.event_lead_outcome != "no_interest":
            return "no_questionnaire"
        return "no_interest"

    def _event_lead_followup_note(self, script):
        """The note of a follow-up activity: the event, the participant's
        attendance, the questionnaire answers and what to do."""
        self.ensure_one()
        env = self.env
        state = dict(self._fields["state"]._description_selection(env)).get(self.state, "")
        lines = [
            Markup("<p>%s</p>") % script,
            Markup("<p><b>%s</b> %s (%s)</p>") % (env._("Event:"), self.event_id.display_name, state),
        ]
        answers = self.registration_answer_ids.filtered(lambda answer: answer.question_id.event_lead_role)
        if answers:
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (answer.question_id.title, answer.display_name or "") for answer in answers
            )
            lines.append(Markup("<p><b>%s</b></p><ul>%s</ul>") % (env._("Questionnaire:"), items))
        elif self.state == "done":
            lines.append(Markup("<p>%s</p>") % env._("No questionnaire filled in at the event."))
        return Markup("").join(lines)

    def _event_lead_log_no_interest(self):
        """Record on each participant that the questionnaire showed no interest (no activity)."""
        bodies = defaultdict(Markup)  # one note per contact, one paragraph per event
        for registration in self:
            bodies[registration.partner_id.id] += Markup("<p>%s</p>") % self.env._(
                "Questionnaire at “%(event)s”: no interest. Recorded; no follow-up call planned.",
                event=registration.event_id.display_name,
            )
        # sudo: log the no-interest notes, built here, on the participants' contacts
        self.env["res.partner"].sudo().browse(list(bodies))._message_log_batch(bodies=dict(bodies))

    # ------------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------------

    def _event_lead_open_followup(self):
        self.ensure_one()
        activity = self.event_lead_followup_activity_ids.filtered("active")[:1]
        if not activity:
            raise UserError(self.env._("“%(name)s” has no open follow-up.", name=self.display_name))
        return activity

    def action_event_lead_record_result(self):
        """Record the result of this participant's follow-up call."""
        activity = self._event_lead_open_followup()
        if activity.event_lead_result_required:
            return activity.action_event_lead_record_result()
        activity.action_done()
        return True

    def action_event_lead_hand_over(self):
        """Hand these participants over to sales (a dialog)."""
        registrations = self.filtered("partner_id")
        if not registrations:
            raise UserError(self.env._("Only a participant linked to a contact can be handed over to sales."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand over to sales"),
            "res_model": "event.lead.sales.handover.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_registration_ids": registrations.ids},
        }

    def action_event_lead_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
